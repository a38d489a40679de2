// Which runbook the walker serves: the built-in ACSO guide, or the markdown file given with
// `--guide FILE`. Called by the CLI before the dashboard starts, so a guide that cannot be used at
// all is one clear line on stderr (exit 2) instead of an empty screen; a guide that loads with
// warnings starts the dashboard, and the runbooks screen lists the warnings.
import {closeSync, constants, fstatSync, openSync, readSync, type Stats, statSync} from 'node:fs';
import type {AppConfig} from '../config/app-config.js';
import {sanitize} from '../format/sanitize.js';
import {buildAcsoRunbook} from './acso-runbook.js';
import {GuideError, type GuideWarning, loadGuide, maxGuideBytes} from './guide-loader.js';
import type {Runbook} from './model.js';

export type LoadedRunbook = {
	runbook: Runbook;
	/** What the loader skipped or found missing, each with its line. Empty for the built-in guide. */
	warnings: GuideWarning[];
	/** 'built-in', or the path given with --guide (as typed). */
	source: string;
};

export type RunbookLoad = {ok: true; loaded: LoadedRunbook} | {ok: false; error: string};

/** Reads a guide file as text; throws an Error with a message for the engineer. */
export type ReadGuide = (path: string) => string;

export function builtInRunbook(names: AppConfig['names']): LoadedRunbook {
	return {runbook: buildAcsoRunbook(names), warnings: [], source: 'built-in'};
}

/**
 * The built-in runbook for the environment's names, or the guide at config.guidePath read with
 * `readFile`. Never throws: a guide that cannot be used comes back as one line naming the file and,
 * where the problem is in the text, the line number.
 */
export function loadRunbook(config: Pick<AppConfig, 'guidePath' | 'names'>, readFile: ReadGuide = readGuideFile): RunbookLoad {
	const path = config.guidePath;
	if (path === undefined) return {ok: true, loaded: builtInRunbook(config.names)};
	const shown = oneLine(path);
	let text: string;
	try {
		text = readFile(path);
	} catch (error) {
		return {ok: false, error: `--guide ${shown}: ${oneLine(readProblem(error))}`};
	}
	try {
		const {runbook, warnings} = loadGuide(text, config.names);
		return {ok: true, loaded: {runbook, warnings, source: path}};
	} catch (error) {
		// loadGuide throws only GuideError ("line N: ..."); anything else is a bug worth showing as is.
		const message = error instanceof GuideError ? error.message : `could not read the guide: ${error instanceof Error ? error.message : String(error)}`;
		return {ok: false, error: `--guide ${shown}: ${oneLine(message)}`};
	}
}

/**
 * Reads at most the loader's limit (plus one byte, so "too big" is detected) from one open file
 * descriptor: a 10 GB file or a FIFO never fills memory, and a directory is named as such.
 */
export function readGuideFile(path: string): string {
	// A FIFO, a device or a socket would block the start (or never end): only a regular file is read.
	// Checked before opening, and opened non-blocking and checked again, so a swap in between cannot hang.
	const before = statSync(path);
	if (before.isDirectory()) throw new Error('is a directory: give a markdown file');
	if (!before.isFile()) throw new Error(`is not a regular file (${fileKind(before)}): give a markdown file`);
	const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
	try {
		const stat = fstatSync(fd);
		if (stat.isDirectory()) throw new Error('is a directory: give a markdown file');
		if (!stat.isFile()) throw new Error(`is not a regular file (${fileKind(stat)}): give a markdown file`);
		if (stat.isFile() && stat.size > maxGuideBytes) {
			throw new Error(`the file is ${(stat.size / 1048576).toFixed(1)} MB; the limit is ${maxGuideBytes / 1048576} MB`);
		}
		const buffer = Buffer.alloc(Math.min(maxGuideBytes + 1, stat.isFile() ? stat.size : maxGuideBytes + 1));
		let used = 0;
		while (used < buffer.length) {
			const n = readSync(fd, buffer, used, buffer.length - used, null);
			if (n === 0) break;
			used += n;
		}
		if (used > maxGuideBytes) throw new Error(`the file is larger than ${maxGuideBytes / 1048576} MB, the limit`);
		return buffer.subarray(0, used).toString('utf8');
	} finally {
		closeSync(fd);
	}
}

function fileKind(stat: Stats): string {
	if (stat.isFIFO()) return 'a named pipe';
	if (stat.isSocket()) return 'a socket';
	if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
	return 'not a file';
}

function readProblem(error: unknown): string {
	const code = (error as {code?: unknown} | undefined)?.code;
	switch (code) {
		case 'ENOENT':
			return 'no such file';
		case 'EACCES':
		case 'EPERM':
			return 'permission denied';
		case 'EISDIR':
			return 'is a directory: give a markdown file';
		default:
			return error instanceof Error ? error.message : String(error);
	}
}

/** A path or message as one printable line: the CLI promises exactly one line on stderr. */
function oneLine(text: string): string {
	return sanitize(text);
}
