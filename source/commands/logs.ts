import {createCloud} from '../cloud.js';
import {createDiscoveryCache, discoverEnvironment} from '../discovery/discover.js';
import {streamMapper, type StreamMapper} from '../discovery/stream-source.js';
import {sanitize} from '../format/sanitize.js';
import {severityOf} from '../format/severity.js';
import {FilterPatternError} from '../logs/filter-pattern.js';
import {createLogTailer, type LogTailerState} from '../logs/tailer.js';
import {errorMessage} from '../port/errors.js';
import {shortServiceName, type ResourceNames} from '../port/names.js';
import type {LogEvent} from '../port/types.js';
import {exitCodes, parseCommand, parseSince, sharedFlagHelp, UsageError} from './args.js';
import {oneLine} from './output.js';
import type {CommandIo} from './status.js';

export const logsHelp = `
  acso-tui logs: the environment's log lines on stdout, one per event, through the dashboard's
  tailer (CloudWatch filter patterns, no duplicates, lines that arrive late still delivered).

  Usage
    $ acso-tui logs [options]

  Options
${sharedFlagHelp}
    --follow             keep reading new lines until interrupted (Ctrl-C)
    --filter PATTERN     CloudWatch Logs filter pattern, e.g. '?ERROR ?FATAL' or '{ $.level = "error" }'
    --since DURATION     how far back to start: 30s, 10m, 2h, 1d (default 10m)
    --service NAME       only the lines of this service (full or short name)
    --refresh SECONDS    pause between reads with --follow (default 5; 2 in the demo)
    --json               one JSON object per line: time, timestamp, level, service, logGroup, logStream, message
    --help

  Every line is sanitized: control characters and escape sequences from a log come out escaped.

  Exit codes
    0  done (also when the reader of the pipe closed it, or on Ctrl-C)
    2  usage error (a bad flag, pattern or duration)
    3  AWS could not be read (one line on stderr says why)

  Examples
    $ acso-tui logs --env staging --since 1h --filter '?ERROR ?FATAL'
    $ acso-tui logs --demo --follow --service supervisor --json | jq .message
`;

export type LogLine = {time: string; timestamp: number; level: string; service: string; logGroup: string; logStream: string; message: string};

export function logLine(event: LogEvent, sourceOf: StreamMapper, names: ResourceNames): LogLine {
	const service = sourceOf(event.logGroup, event.logStream)?.service;
	return {
		time: new Date(event.timestamp).toISOString(),
		timestamp: event.timestamp,
		level: severityOf(event.message) ?? '-',
		service: sanitize(service === undefined ? '-' : shortServiceName(service, names)),
		logGroup: sanitize(event.logGroup),
		logStream: sanitize(event.logStream),
		// One event, one line: its line breaks show as ␊, its escape sequences as \x1b...
		message: sanitize(event.message.replace(/\n+$/, '')),
	};
}

export function formatLogLine(line: LogLine, json: boolean): string {
	if (json) return `${JSON.stringify(line)}\n`;
	return `${line.time}  ${line.level.padEnd(5)}  ${line.service}  ${line.message}\n`;
}

export async function runLogs(argv: string[], io: CommandIo & {onInterrupt(stop: () => void): void}): Promise<number> {
	const extra = {follow: {type: 'boolean'}, filter: {type: 'string'}, since: {type: 'string'}, service: {type: 'string'}, json: {type: 'boolean'}} as const;
	const {config, flags} = parseCommand('logs', argv, logsHelp, extra, io.env);
	const sinceText = (flags.since as string | undefined) ?? '10m';
	const sinceMs = parseSince(sinceText);
	if (sinceMs === undefined) throw new UsageError(`--since must be a duration like 30s, 10m, 2h or 1d (at most 30d), got ${JSON.stringify(sinceText)}`);
	const service = flags.service as string | undefined;
	if (service !== undefined && service.trim() === '') throw new UsageError('--service needs a value');
	const pattern = flags.filter as string | undefined;
	const follow = flags.follow === true;
	const json = flags.json === true;

	const cloudResult = await createCloud(config, io.env);
	if (!cloudResult.ok) throw new UsageError(cloudResult.error);
	const {cloud} = cloudResult;
	const {names} = config;

	// The groups and the stream -> service mapping as the dashboard reads them. Without the cluster
	// (a logs-only role, say) the configured groups are still read, with no service names.
	let logGroups = names.logGroups;
	let sourceOf: StreamMapper = () => undefined;
	let services: string[] = [];
	try {
		const discovery = await discoverEnvironment(cloud, names, createDiscoveryCache());
		logGroups = discovery.logGroups;
		sourceOf = streamMapper(discovery.destinations, discovery.tasks);
		services = discovery.services;
		for (const note of discovery.notes) io.stderr.write(`acso-tui: ${sanitize(oneLine(note))}\n`);
	} catch (error) {
		if (service !== undefined) {
			io.stderr.write(`acso-tui: could not read AWS (the services of ${sanitize(names.cluster)}, needed for --service): ${sanitize(oneLine(errorMessage(error)))}\n`);
			return exitCodes.unreadable;
		}
		io.stderr.write(`acso-tui: could not read the cluster's services (lines will not name their service): ${sanitize(oneLine(errorMessage(error)))}\n`);
	}
	let wanted: string | undefined;
	if (service !== undefined) {
		wanted = services.find(s => s === service) ?? services.find(s => shortServiceName(s, names) === service);
		if (wanted === undefined) throw new UsageError(`--service: no service ${JSON.stringify(service)} in ${names.cluster} (it has ${services.map(s => shortServiceName(s, names)).join(', ') || 'none'})`);
	}
	if (logGroups.length === 0) {
		io.stderr.write('acso-tui: no log group to read: name one with --log-group\n');
		return exitCodes.unreadable;
	}

	return new Promise<number>(resolve => {
		let done = false;
		const finish = (code: number) => {
			if (done) return;
			done = true;
			tailer.stop();
			resolve(code);
		};
		let lastError = '';
		const onState = (state: LogTailerState) => {
			if (state.error) {
				const message = `acso-tui: could not read AWS (${logGroups.join(', ')}): ${oneLine(errorMessage(state.error))}`;
				if (!follow) {
					io.stderr.write(`${sanitize(message)}\n`);
					finish(exitCodes.unreadable);
					return;
				}
				// Following, the tailer retries with backoff: say each new problem once, and keep going.
				if (message !== lastError) io.stderr.write(`${sanitize(message)} (retrying)\n`);
				lastError = message;
				return;
			}
			lastError = '';
			// One full read of every group is the whole answer without --follow.
			if (!follow && state.lastOkAt !== undefined) finish(exitCodes.healthy);
		};
		let tailer: ReturnType<typeof createLogTailer>;
		try {
			tailer = createLogTailer(cloud.logs, {
				logGroups,
				...(pattern === undefined ? {} : {pattern}),
				now: io.now,
				startTime: io.now() - sinceMs,
				pollIntervalMs: config.refreshMs,
				// Live Tail sends new events only; without --follow one read of the history is all.
				liveTail: follow,
				onEvents: events => {
					if (done) return;
					let text = '';
					for (const event of events) {
						const source = sourceOf(event.logGroup, event.logStream);
						if (wanted !== undefined && source?.service !== wanted) continue;
						text += formatLogLine(logLine(event, sourceOf, names), json);
					}
					if (text !== '') io.stdout.write(text);
				},
				onState,
			});
		} catch (error) {
			if (error instanceof FilterPatternError) throw new UsageError(`--filter: ${error.message}`);
			throw error;
		}
		io.onInterrupt(() => finish(exitCodes.healthy));
		tailer.start();
	});
}
