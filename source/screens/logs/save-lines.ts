import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import type {LogLine} from '../../logs/log-store.js';

/**
 * Writes the buffered lines, as received (a file, not the terminal: nothing to sanitise), one per
 * line with time, group and stream. Multi-line messages keep their newlines escaped so one event
 * stays one line. Returns the path written.
 */
export async function saveLines(lines: readonly LogLine[], options: {env: string; directory: string; now: number}): Promise<string> {
	const stamp = new Date(options.now).toISOString().replace(/[:.]/g, '-');
	const file = path.join(options.directory, `acso-logs-${options.env}-${stamp}.log`);
	const text = lines
		.map(({event}) => `${new Date(event.timestamp).toISOString()} ${event.logGroup} ${event.logStream} ${event.message.replace(/\r?\n/g, '\\n')}`)
		.join('\n');
	await writeFile(file, text.length > 0 ? `${text}\n` : '', {flag: 'wx', mode: 0o600});
	return file;
}
