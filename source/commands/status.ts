import {createCloud} from '../cloud.js';
import {sanitize} from '../format/sanitize.js';
import {errorMessage} from '../port/errors.js';
import {readStatus} from '../report/status.js';
import {statusText} from '../report/status-text.js';
import {exitCodes, parseCommand, sharedFlagHelp, UsageError} from './args.js';
import {oneLine} from './output.js';

export const statusHelp = `
  acso-tui status: one snapshot of the environment (services, alarms, database, errors), for
  scripts, cron checks, chats and tickets. Plain aligned text; --json for one JSON object.

  Usage
    $ acso-tui status [options]

  Options
${sharedFlagHelp}
    --json               one JSON object (see README.md, "acso-tui status --json")
    --help

  Exit codes
    0  healthy
    1  needs attention: an alarm in ALARM, a service below its desired count or failing its rollout
    2  usage error (a bad flag or value, no region)
    3  AWS could not be read (one line on stderr says why)

  Examples
    $ acso-tui status --env staging --profile acso-oncall
    $ acso-tui status --demo --json | jq '.alarms[] | select(.state == "ALARM") | .name'
`;

export type CommandIo = {
	stdout: NodeJS.WriteStream;
	stderr: NodeJS.WriteStream;
	env: NodeJS.ProcessEnv;
	now: () => number;
};

export async function runStatus(argv: string[], io: CommandIo): Promise<number> {
	const {config, flags} = parseCommand('status', argv, statusHelp, {json: {type: 'boolean'}}, io.env);
	const cloudResult = await createCloud(config, io.env);
	if (!cloudResult.ok) throw new UsageError(cloudResult.error);
	let snapshot;
	try {
		snapshot = await readStatus(cloudResult.cloud, config.names, io.now());
	} catch (error) {
		io.stderr.write(`acso-tui: could not read AWS (${config.names.cluster} in ${cloudResult.cloud.region}): ${sanitize(oneLine(errorMessage(error)))}\n`);
		return exitCodes.unreadable;
	}
	io.stdout.write(flags.json === true ? `${JSON.stringify(snapshot, jsonSafe, 2)}\n` : statusText(snapshot));
	return snapshot.attention ? exitCodes.attention : exitCodes.healthy;
}

/**
 * Strings in the JSON are sanitized too: JSON.stringify escapes C0 controls, but not C1 controls
 * or bidi overrides, which a terminal showing `jq` output would still obey.
 */
function jsonSafe(_key: string, value: unknown): unknown {
	return typeof value === 'string' ? sanitize(value) : value;
}
