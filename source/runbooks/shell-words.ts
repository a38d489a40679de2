// Splits one command of the guide's bash into words the way sh would, without running anything:
// backslash-newline continuations, single and double quotes, backslash escapes, `$VAR`, and
// `$(date ...)` evaluated natively. Pipes, lists, redirections, process substitution and backticks
// are reported (a runbook step that needs them is left to the engineer), never executed.
// One pass over the text: linear time whatever the input.
import {evaluateDateCommand} from './date-substitution.js';

export const maxCommandLength = 65_536;

export type ShellIssue = {
	kind: 'unsupported' | 'error';
	/** The construct as written: "|", "<(", "$(jq ...)", "'" ... */
	construct: string;
	/** 0-based offset in the command text. */
	index: number;
	message: string;
};

export type ShellWord = {
	/** The word after quote removal, with `$(date ...)` evaluated and `$VAR` kept as written. */
	value: string;
	/** The word as written. */
	raw: string;
	/** Some part was quoted or escaped: such a word is never an option or an assignment. */
	quoted: boolean;
	/** Names of the variables the word references ($ECR_REGISTRY -> ECR_REGISTRY). */
	variables: string[];
	/** Part of the word came from a `$(date ...)`: it names a time relative to the clock. */
	fromClock: boolean;
	index: number;
};

export type Substitution = {
	/** "$(date -d '1 hour ago' +%s)" */
	text: string;
	value: string;
	offsetMs: number;
	utc: boolean;
	index: number;
};

export type Tokens = {
	words: ShellWord[];
	substitutions: Substitution[];
	issues: ShellIssue[];
};

const controlMessages: Record<string, string> = {
	'|': 'a pipe runs a second program: acso-tui does not run pipelines',
	'||': 'a command list (||) is not run: run each command on its own',
	'&&': 'a command list (&&) is not run: run each command on its own',
	';': 'a command list (;) is not run: run each command on its own',
	'&': 'background jobs (&) are not run',
	'>': 'output redirection (>) is not run: acso-tui shows the output instead',
	'>>': 'output redirection (>>) is not run: acso-tui shows the output instead',
	'<': 'input redirection (<) is not run',
	'<(': 'process substitution <(...) needs a shell: acso-tui does not run it',
	'>(': 'process substitution >(...) needs a shell: acso-tui does not run it',
	'(': 'a subshell (...) is not run',
	')': 'an unmatched ) is not valid here',
	'`': 'backtick command substitution is not run: only $(date ...) is evaluated',
};

function controlAt(text: string, i: number): string {
	const two = text.slice(i, i + 2);
	if (two === '||' || two === '&&' || two === '>>' || two === '<(' || two === '>(') return two;
	return text[i] ?? '';
}

/** Index of the ) closing a $( that opens before `start`, or -1. Skips quoted text. */
function closingParen(text: string, start: number): number {
	let depth = 1;
	for (let j = start; j < text.length; j++) {
		const c = text[j];
		if (c === '\\') j++;
		else if (c === "'") {
			j = text.indexOf("'", j + 1);
			if (j < 0) return -1;
		} else if (c === '"') {
			j++;
			while (j < text.length && text[j] !== '"') {
				if (text[j] === '\\') j++;
				j++;
			}
			if (j >= text.length) return -1;
		} else if (c === '(') depth++;
		else if (c === ')') {
			depth--;
			if (depth === 0) return j;
		}
	}
	return -1;
}

const nameStart = /[A-Za-z_]/;
const nameChar = /[A-Za-z0-9_]/;

export function tokenize(text: string, options: {now: number; depth?: number}): Tokens {
	const depth = options.depth ?? 0;
	const words: ShellWord[] = [];
	const substitutions: Substitution[] = [];
	const issues: ShellIssue[] = [];
	if (text.length > maxCommandLength) {
		issues.push({kind: 'error', construct: '', index: 0, message: `the command is ${text.length} characters long; the limit is ${maxCommandLength}`});
		return {words, substitutions, issues};
	}
	let word: ShellWord | undefined;
	const begin = (at: number): ShellWord => (word ??= {value: '', raw: '', quoted: false, variables: [], fromClock: false, index: at});
	const finish = (at: number) => {
		if (word) {
			word.raw = text.slice(word.index, at);
			words.push(word);
			word = undefined;
		}
	};

	/** Handles `$` at i (inside double quotes when `inQuotes`); returns the index after what it consumed, or -1 to stop. */
	const dollar = (i: number): number => {
		const w = begin(i);
		const next = text[i + 1];
		if (next === '(') {
			if (text[i + 2] === '(') {
				issues.push({kind: 'unsupported', construct: '$((', index: i, message: 'arithmetic $((...)) is not evaluated'});
				return -1;
			}
			const close = closingParen(text, i + 2);
			if (close < 0) {
				issues.push({kind: 'error', construct: '$(', index: i, message: `unclosed $( at offset ${i}: add the closing )`});
				return -1;
			}
			const inner = text.slice(i + 2, close);
			const written = text.slice(i, close + 1);
			if (depth > 0) {
				issues.push({kind: 'unsupported', construct: written, index: i, message: 'nested command substitution is not evaluated'});
				return -1;
			}
			const innerTokens = tokenize(inner, {now: options.now, depth: depth + 1});
			const innerProblem = innerTokens.issues[0];
			const result = innerProblem
				? {ok: false as const, message: innerProblem.message}
				: evaluateDateCommand(innerTokens.words.map(x => x.value), options.now);
			if (!result.ok) {
				issues.push({kind: 'unsupported', construct: written, index: i, message: `${written.length > 60 ? `${written.slice(0, 57)}...` : written}: ${result.message}`});
				w.value += written;
				return close + 1;
			}
			w.value += result.date.value;
			w.fromClock = true;
			substitutions.push({text: written, value: result.date.value, offsetMs: result.date.offsetMs, utc: result.date.utc, index: i});
			return close + 1;
		}
		if (next === '{') {
			const close = text.indexOf('}', i + 2);
			const name = close < 0 ? '' : text.slice(i + 2, close);
			if (close < 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
				issues.push({kind: 'unsupported', construct: '${', index: i, message: 'only plain ${NAME} variables are understood'});
				return -1;
			}
			w.value += `\${${name}}`;
			w.variables.push(name);
			return close + 1;
		}
		if (next !== undefined && nameStart.test(next)) {
			let j = i + 1;
			while (j < text.length && nameChar.test(text[j] ?? '')) j++;
			const name = text.slice(i + 1, j);
			w.value += `$${name}`;
			w.variables.push(name);
			return j;
		}
		w.value += '$';
		return i + 1;
	};

	let i = 0;
	scan: while (i < text.length) {
		const c = text[i] as string;
		if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
			finish(i);
			i++;
		} else if (c === '\\') {
			if (text[i + 1] === '\n') i += 2;
			else if (text[i + 1] === '\r' && text[i + 2] === '\n') i += 3;
			else {
				const w = begin(i);
				w.quoted = true;
				w.value += text[i + 1] ?? '\\';
				i += 2;
			}
		} else if (c === '#' && !word) {
			const eol = text.indexOf('\n', i);
			i = eol < 0 ? text.length : eol;
		} else if (c === "'") {
			const close = text.indexOf("'", i + 1);
			if (close < 0) {
				issues.push({kind: 'error', construct: "'", index: i, message: `unclosed single quote at offset ${i}: add the closing '`});
				break;
			}
			const w = begin(i);
			w.quoted = true;
			w.value += text.slice(i + 1, close);
			i = close + 1;
		} else if (c === '"') {
			const w = begin(i);
			w.quoted = true;
			let j = i + 1;
			while (j < text.length && text[j] !== '"') {
				const d = text[j] as string;
				if (d === '\\') {
					const e = text[j + 1];
					if (e === '\n') j += 2;
					else if (e === '$' || e === '`' || e === '"' || e === '\\') {
						w.value += e;
						j += 2;
					} else {
						w.value += '\\';
						j++;
					}
				} else if (d === '$') {
					j = dollar(j);
					if (j < 0) break scan;
				} else if (d === '`') {
					issues.push({kind: 'unsupported', construct: '`', index: j, message: controlMessages['`'] as string});
					break scan;
				} else {
					w.value += d;
					j++;
				}
			}
			if (j >= text.length) {
				issues.push({kind: 'error', construct: '"', index: i, message: `unclosed double quote at offset ${i}: add the closing "`});
				break;
			}
			i = j + 1;
		} else if (c === '$') {
			const j = dollar(i);
			if (j < 0) break;
			i = j;
		} else if ('|&;<>()`'.includes(c)) {
			const construct = controlAt(text, i);
			issues.push({kind: 'unsupported', construct, index: i, message: controlMessages[construct] ?? `${construct} is not supported`});
			break;
		} else {
			begin(i).value += c;
			i++;
		}
	}
	finish(Math.min(i, text.length));
	return {words, substitutions, issues};
}
