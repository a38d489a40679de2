// THE sanitizer: every string that came from AWS or from a log line passes through here before it is
// drawn. A log line is attacker-controlled text (anyone who can make a service log a request path
// can write into it), and a terminal obeys escape sequences: window titles, clipboard writes
// (OSC 52), screen clears, cursor moves that hide lines. Bidi overrides and zero-width characters
// make a line read differently from what it contains. So nothing invisible or active survives.
//
// Convention (one, everywhere):
//   C0 controls, DEL and C1 controls  -> `\xHH` (lower-case hex): ESC is `\x1b`, CR is `\x0d`, CSI is `\x9b`
//   newline (single-line output)      -> `␊`
//   tab                               -> spaces to the next tab stop (default every 4 columns)
//   format characters (Unicode Cf: bidi controls, zero-width space/joiners, word joiner, BOM,
//   soft hyphen, tag characters ...) and the line/paragraph separators U+2028/U+2029
//                                     -> `<U+202E>`
//   lone surrogates                   -> U+FFFD `�`
// The replacements themselves are plain printable ASCII or ␊/�, so sanitize(sanitize(x)) === sanitize(x).

import stringWidth from 'string-width';

export type SanitizeOptions = {
	/** Columns between tab stops. Default 4. */
	tabWidth?: number;
};

export const newlineMark = '␊';
export const replacementChar = '\uFFFD';
const defaultTabWidth = 4;

// One character class for the fast test and the replacement. With the `u` flag, [\uD800-\uDFFF]
// matches only surrogates that are not part of a pair.
const unsafeSource = '[\\u0000-\\u001f\\u007f-\\u009f\\p{Cf}\\u2028\\u2029\\uD800-\\uDFFF]';
const unsafeTest = new RegExp(unsafeSource, 'u');
const unsafeAll = new RegExp(unsafeSource, 'gu');

/** True when `text` holds nothing the sanitizer would change. */
export function isClean(text: string): boolean {
	return !unsafeTest.test(text);
}

function hex2(code: number): string {
	return code.toString(16).padStart(2, '0');
}

/** The visible stand-in for one unsafe character (tabs are handled by the caller). */
export function escapeChar(char: string): string {
	if (char === '\n') return newlineMark;
	const code = char.codePointAt(0) ?? 0;
	if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) return `\\x${hex2(code)}`;
	if (code >= 0xd800 && code <= 0xdfff) return replacementChar;
	return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
}

function escapeAll(text: string): string {
	return text.replace(unsafeAll, escapeChar);
}

function checkTabWidth(tabWidth: number): number {
	if (!Number.isInteger(tabWidth) || tabWidth < 1 || tabWidth > 16) {
		throw new RangeError(`sanitize: tabWidth must be an integer from 1 to 16, got ${String(tabWidth)}`);
	}
	return tabWidth;
}

/**
 * One line, safe to draw: see the convention at the top of this file. Clean input is returned
 * as is (one regex test), which is the common case for log lines.
 */
export function sanitize(text: string, options: SanitizeOptions = {}): string {
	if (!unsafeTest.test(text)) return text;
	if (!text.includes('\t')) return escapeAll(text);
	const tabWidth = checkTabWidth(options.tabWidth ?? defaultTabWidth);
	// Tab stops depend on the display column, so measure what precedes each tab once escaped.
	const pieces = text.split('\t');
	let out = '';
	let column = 0;
	for (let i = 0; i < pieces.length; i++) {
		const piece = escapeAll(pieces[i] ?? '');
		out += piece;
		if (i === pieces.length - 1) break;
		// A newline inside the piece does not reset the column: the output is one line.
		column += stringWidth(piece);
		const spaces = tabWidth - (column % tabWidth);
		out += ' '.repeat(spaces);
		column += spaces;
	}
	return out;
}

/**
 * For multi-line views: splits on \n and \r\n first, then sanitizes each line (tab stops restart
 * on every line). A lone \r is not a line break here: it is the classic way to overwrite a line
 * on screen, so it is shown as `\x0d`.
 */
export function sanitizeLines(text: string, options: SanitizeOptions = {}): string[] {
	return text.split(/\r?\n/).map((line) => sanitize(line, options));
}

/**
 * Text for the clipboard (OSC 52), which a shell may receive as typed input: every line sanitized
 * as it would be drawn, the line breaks kept. So no escape sequence (a bracketed-paste end marker
 * `ESC[201~` that would turn the rest of a paste into typed commands, a title or clipboard write)
 * and no carriage return survives; only what the engineer saw on screen is copied.
 */
export function clipboardText(text: string): string {
	return sanitizeLines(text).join('\n');
}
