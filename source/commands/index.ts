import {sanitize} from '../format/sanitize.js';
import {errorMessage} from '../port/errors.js';
import {exitCodes, UsageError} from './args.js';
import {runLogs} from './logs.js';
import {runReport} from './report.js';
import {exitQuietlyOnClosedPipe, oneLine} from './output.js';
import {runStatus} from './status.js';
import {parseDrill, type DrillCommand} from './drill.js';

// The subcommands: no full screen, so they work in a pipe, a cron job or over a plain ssh session.

export type Subcommand = 'status' | 'logs' | 'report';

/** Runs one subcommand to its exit code (see each one's --help). */
export async function runSubcommand(name: Subcommand, argv: string[]): Promise<number> {
	const exit = (code: number) => process.exit(code);
	exitQuietlyOnClosedPipe(process.stdout, exit);
	const io = {stdout: process.stdout, stderr: process.stderr, env: process.env, now: Date.now};
	try {
		if (name === 'status') return await runStatus(argv, io);
		if (name === 'report') return await runReport(argv, io);
		return await runLogs(argv, {
			...io,
			onInterrupt(stop) {
				for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, stop);
			},
		});
	} catch (error) {
		if (error instanceof UsageError) {
			process.stderr.write(`acso-tui: ${sanitize(oneLine(error.message))}\n`);
			return exitCodes.usage;
		}
		process.stderr.write(`acso-tui: could not read AWS: ${sanitize(oneLine(errorMessage(error)))}\n`);
		return exitCodes.unreadable;
	}
}

/** `acso-tui drill ...`: a usage error is one line on stderr and exit 2. */
export function runDrill(argv: string[]): DrillCommand {
	exitQuietlyOnClosedPipe(process.stdout, code => process.exit(code));
	try {
		return parseDrill(argv, {stdout: process.stdout, stderr: process.stderr, env: process.env, now: Date.now});
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		process.stderr.write(`acso-tui: ${sanitize(oneLine(error.message))}\n`);
		return {kind: 'exit', code: exitCodes.usage};
	}
}

/** Waits for stdout to drain before exiting, so a large --json is not cut short in a pipe. */
export async function flushAndExit(code: number): Promise<never> {
	await new Promise<void>(resolve => {
		if (process.stdout.writableLength === 0) resolve();
		else process.stdout.once('drain', () => resolve());
	});
	process.exit(code);
}
