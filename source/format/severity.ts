// The severity of a log line, for colouring and for "errors only" views. Structured loggers say it
// in a JSON field (`level`, `severity`, pino's numeric levels); plain lines say it as a word
// (`ERROR`, `[WARN]`, `level=error`).

import {parseJsonTail} from './json.js';

export type Severity = 'FATAL' | 'ERROR' | 'WARN' | 'INFO' | 'DEBUG';

/** Ink/chalk colour names, one per severity. */
export const severityColors: Record<Severity, string> = {
	FATAL: 'magentaBright',
	ERROR: 'red',
	WARN: 'yellow',
	INFO: 'green',
	DEBUG: 'gray',
};

export function severityColor(severity: Severity | undefined): string | undefined {
	return severity === undefined ? undefined : severityColors[severity];
}

const names: Record<string, Severity> = {
	fatal: 'FATAL',
	critical: 'FATAL',
	crit: 'FATAL',
	panic: 'FATAL',
	emerg: 'FATAL',
	emergency: 'FATAL',
	alert: 'FATAL',
	error: 'ERROR',
	err: 'ERROR',
	warn: 'WARN',
	warning: 'WARN',
	info: 'INFO',
	notice: 'INFO',
	information: 'INFO',
	debug: 'DEBUG',
	trace: 'DEBUG',
	verbose: 'DEBUG',
};

const jsonFields = ['level', 'severity', 'levelname', 'log.level', 'lvl', 'loglevel'];

function fromValue(value: unknown): Severity | undefined {
	if (typeof value === 'string') return names[value.trim().toLowerCase()];
	if (typeof value === 'number') {
		// pino / bunyan numeric levels
		if (value >= 60) return 'FATAL';
		if (value >= 50) return 'ERROR';
		if (value >= 40) return 'WARN';
		if (value >= 30) return 'INFO';
		if (value >= 10) return 'DEBUG';
	}
	return undefined;
}

// Upper-case words only: "error" in lower case is too often just a word in a sentence
// ("retrying after error"). logfmt's `level=error` is matched separately, in any case.
const plainLevelWords = ['FATAL', 'CRITICAL', 'CRIT', 'PANIC', 'EMERG', 'ERROR', 'ERR', 'WARN', 'WARNING', 'INFO', 'NOTICE', 'DEBUG', 'TRACE'];
const plainWord = new RegExp(`(?<![A-Za-z0-9_])(?:${plainLevelWords.join('|')})(?![A-Za-z0-9_])`);
const plainWords = plainLevelWords.map(word => [word, names[word.toLowerCase()]!] as const);
const wordCharacter = /[A-Za-z0-9_]/;
const logfmt = /(?:^|\s)(?:level|lvl|severity)=["']?([A-Za-z]+)/i;
// Levels sit near the start of a line; scanning a 100 KB stack trace for one would waste time.
const scanLimit = 400;

/** The severity a log message states, or undefined when it states none. */
export function severityOf(message: string): Severity | undefined {
	const tail = message.includes('{') ? parseJsonTail(message) : undefined;
	if (tail) {
		for (const field of jsonFields) {
			const found = fromValue(tail.value[field]);
			if (found) return found;
		}
	}
	const head = message.length > scanLimit ? message.slice(0, scanLimit) : message;
	const kv = logfmt.exec(head);
	if (kv) {
		const found = fromValue(kv[1]);
		if (found) return found;
	}
	// search() gives the index without a match array, and the word is read in place: this runs for
	// every event of a log flood, and each object it made was garbage the young generation had to
	// make room for (issue 17).
	const at = head.search(plainWord);
	return at < 0 ? undefined : plainWordAt(head, at);
}

/** The severity of the level word starting at `at` (plainWord matched there). */
function plainWordAt(text: string, at: number): Severity | undefined {
	for (let i = 0; i < plainWords.length; i++) {
		const entry = plainWords[i]!;
		// As plainWord's lookahead: WARN in WARNING is not the word.
		if (text.startsWith(entry[0], at) && !wordCharacter.test(text.charAt(at + entry[0].length))) return entry[1];
	}
	return undefined;
}
