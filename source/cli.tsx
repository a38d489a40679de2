import meow from 'meow';
import {render} from 'ink';
import type {ReactElement} from 'react';
import {App, type MakeCloud} from './app.js';
import {createCloud} from './cloud.js';
import {readAwsProfiles} from './config/aws-profiles.js';
import {configFilePath, loadFileConfig} from './config/config-file.js';
import {parseFlags, type RawFlags} from './config/parse-flags.js';
import {loadRunbook} from './runbooks/load-runbook.js';
import {captureProcessOutput} from './shell/captured-output.js';
import {tuneHeap} from './shell/heap-tuning.js';
import {KeypressStdin} from './shell/keypress-stdin.js';
import {guardTerminal} from './shell/terminal-guard.js';
import {createDiffOutput} from './terminal/index.js';
import {createPlainOutput} from './terminal/plain-output.js';

const help = `
  acso-tui: a full-screen dashboard and troubleshooting walker for ACSO on AWS ECS

  Usage
    $ acso-tui [options]              the full-screen dashboard (needs a terminal)
    $ acso-tui status [options]       one snapshot: services, alarms, database, errors (--json)
    $ acso-tui logs [options]         log lines on stdout (--follow, --filter, --since, --service, --json)
    $ acso-tui report [options]       report.md and report.json for an escalation (--since, --out)
    $ acso-tui drill NAME|random      an incident drill on the simulated account (--list, --history)

  acso-tui status --help, logs --help, report --help and drill --help list their flags and exit codes.

  Options
    --env NAME           environment: names acso-{env}-cluster, /aws/acso/{env}/agents,
                         acso-{env}-db (default production)
    --region REGION      AWS region (else AWS_REGION, AWS_DEFAULT_REGION, the profile's)
    --profile NAME       AWS profile from ~/.aws/config (SSO, roles, credential_process)
    --endpoint-url URL   send AWS calls to an emulator (also AWS_ENDPOINT_URL)
    --cluster NAME       ECS cluster (overrides the name from --env)
    --log-group NAME     log group to tail; repeat for more
    --db ID              RDS instance identifier
    --demo               run on the built-in simulated ACSO account, no AWS needed
    --write              allow changes (read-only without it)
    --refresh SECONDS    how often to refresh (default 5; 2 in the demo)
    --seed N             seed of the simulated account (default 42)
    --guide FILE         walk this troubleshooting guide instead of the built-in one
    --audit-log FILE     where changes are recorded (default $XDG_STATE_HOME/acso-tui/audit.jsonl)
    --log-buffer LINES   log lines kept in memory (default 10000)
    --help, --version

  In the app, :ctx NAME / :region NAME / :profile NAME switch in place (Tab completes).

  Config file: $XDG_CONFIG_HOME/acso-tui/config.json (see README.md)

  Examples
    $ acso-tui --demo
    $ acso-tui --env staging --profile acso-oncall --region eu-west-1
`;

const flagSpec = {
	env: {type: 'string'},
	region: {type: 'string'},
	profile: {type: 'string'},
	endpointUrl: {type: 'string'},
	demo: {type: 'boolean'},
	write: {type: 'boolean'},
	refresh: {type: 'string'},
	seed: {type: 'string'},
	cluster: {type: 'string'},
	logGroup: {type: 'string', isMultiple: true},
	db: {type: 'string'},
	guide: {type: 'string'},
	auditLog: {type: 'string'},
	logBuffer: {type: 'string'},
} as const;

function fail(message: string): never {
	process.stderr.write(`acso-tui: ${message}\n`);
	process.exit(2);
}

const kebab = (name: string) => name.replace(/[A-Z]/g, c => `-${c.toLowerCase()}`);

async function main(): Promise<void> {
	tuneHeap();
	// A subcommand parses its own flags and never needs a terminal.
	const word = process.argv[2];
	if (word === 'status' || word === 'logs' || word === 'report') {
		const {flushAndExit, runSubcommand} = await import('./commands/index.js');
		await flushAndExit(await runSubcommand(word, process.argv.slice(3)));
	}
	if (word === 'drill') await drill(process.argv.slice(3));
	// The one-file release has no package.json beside it: the build writes the version in.
	const version = process.env.ACSO_TUI_VERSION;
	const cli = meow(help, {importMeta: import.meta, flags: flagSpec, allowUnknownFlags: true, booleanDefault: undefined, ...(version ? {version} : {})});
	const known = new Set(Object.keys(flagSpec));
	const unknown = Object.keys(cli.unnormalizedFlags).filter(name => !known.has(name) && !known.has(name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())));
	if (unknown[0] !== undefined) fail(`unknown option --${kebab(unknown[0]).replace(/^-+/, '')} (see acso-tui --help)`);
	if (cli.input.length > 0) fail(`unexpected argument ${JSON.stringify(cli.input[0])} (see acso-tui --help)`);

	const file = loadFileConfig(configFilePath(process.env));
	if (!file.ok) fail(file.error);
	const parsed = parseFlags(cli.flags as RawFlags, process.env, file.config);
	if (!parsed.ok) fail(parsed.error);
	const {config} = parsed;
	// A --guide is read now: one that cannot be used is one clear line, not an empty runbooks screen
	// later. (The built-in runbook is built by the App when first needed.)
	const guide = config.guidePath === undefined ? undefined : loadRunbook(config);
	if (guide && !guide.ok) fail(guide.error);

	// The simulated account is built once the first frame is on the terminal (see fullScreen).
	const cloudResult = await createCloud(config, process.env, undefined, {buildSimAfter: firstFrameDrawn});
	if (!cloudResult.ok) fail(cloudResult.error);
	// Every change is recorded (intent before the call, outcome after) under the same session id the
	// SDK puts in its user agent, so an audit line can be matched to its CloudTrail event. The App
	// writes the audit log (config.auditLogPath), with the environment, region and profile of the
	// moment: they can be switched in place.
	const {sessionId} = cloudResult;
	// :region and :profile make a new Cloud the way the first one was made (never in the demo).
	const makeCloud: MakeCloud | undefined =
		config.mode === 'demo' ? undefined : async place => createCloud({...config, region: place.region, profile: place.profile}, process.env, sessionId);
	// Only profile names and regions are read from it, for :profile completion.
	const awsProfiles = config.mode === 'demo' ? [] : readAwsProfiles(process.env);

	await fullScreen(<App
			cloud={cloudResult.cloud}
			config={config}
			copyToClipboard={copyToClipboard}
			runbook={guide?.loaded}
			sessionId={sessionId}
			makeCloud={makeCloud}
			awsProfiles={awsProfiles}
		/>);
}

/** `acso-tui drill ...`: --list and --history print; a scenario is played full screen on the simulated account. */
async function drill(argv: string[]): Promise<never> {
	const {flushAndExit, runDrill} = await import('./commands/index.js');
	const command = runDrill(argv);
	if (command.kind === 'exit') return flushAndExit(command.code);
	const {launch} = command;
	const [{createSimCloud}, {DrillApp}, {createAuditLog, newSessionId}] = await Promise.all([import('./sim/index.js'), import('./drill-app.js'), import('./fixes/audit.js')]);
	const cloud = createSimCloud({seed: launch.seed, isWriteEnabled: () => true, calm: true});
	const sessionId = newSessionId();
	const audit = createAuditLog({path: launch.auditPath, context: {env: launch.config.env, region: cloud.region, sessionId}});
	return fullScreen(<DrillApp scenario={launch.scenario} cloud={cloud} audit={audit} config={launch.config} historyPath={launch.historyPath} injectDelayMs={launch.injectDelayMs} sessionId={sessionId} copyToClipboard={copyToClipboard} />);
}

let layerOsc52: ((text: string) => void) | undefined;
let drewFirstFrame: () => void = () => {};
const firstFrameDrawn = new Promise<void>(resolve => {
	drewFirstFrame = resolve;
});
const copyToClipboard = (text: string) => {
	layerOsc52?.(text);
	return layerOsc52 !== undefined;
};

/** Draws `tree` full screen until it exits, and always gives the terminal back. */
async function fullScreen(tree: ReactElement): Promise<never> {
	if (!process.stdout.isTTY || !process.stdin.isTTY) {
		fail('needs a terminal: it draws a full-screen dashboard, and stdin/stdout is not a TTY here. Run it in a terminal (for scripts, use the aws CLI)');
	}
	// Keys typed from here on are kept for the dashboard, in order, however long its first frame takes.
	const keys = new KeypressStdin(process.stdin).listen();
	const releaseOutput = captureProcessOutput();
	// Ink draws into a screen model; only the cells that changed reach the terminal. Ink's own
	// output remains reachable for the benchmark's baseline.
	const layer = process.env.ACSO_TUI_OUTPUT === 'ink' ? createPlainOutput(process.stdout) : createDiffOutput(process.stdout);
	layer.enter();
	layerOsc52 = text => layer.osc52(text);
	const instance = render(tree, {
		stdout: layer.stream,
		stdin: keys as unknown as NodeJS.ReadStream,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	// Ink wrote its first frame inside render(); the layer sent it on as it was (its model loads
	// meanwhile), or paints it once the model has parsed it.
	void layer.drawn().then(drewFirstFrame);

	const giveBack = guardTerminal(process, {
		steps: [
			() => instance.unmount(),
			() => {
				if (process.stdin.isTTY) process.stdin.setRawMode(false);
			},
			() => layer.dispose(),
			releaseOutput,
		],
		report: text => process.stderr.write(text),
		exit: code => process.exit(code),
	});

	await instance.waitUntilExit();
	giveBack();
	process.exit(0);
}

await main();
