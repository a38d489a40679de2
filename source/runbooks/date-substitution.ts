// The guide computes its time ranges with `$(date ...)`. acso-tui never hands those to a shell: the
// few forms the guide uses are evaluated here against an injected clock, and anything else is
// reported as unsupported.
//   $(date -d '1 hour ago' +%s)000                  -> epoch milliseconds an hour ago
//   $(date -u -d '24 hours ago' +%Y-%m-%dT%H:%M:%S)  -> ISO time 24 hours ago, UTC
//   $(date -u +%Y-%m-%dT%H:%M:%S)                   -> now

export type DateValue = {
	value: string;
	/** The time the command names, relative to `now` (negative = in the past). */
	offsetMs: number;
	/** False when the command had no -u: acso-tui still formats in UTC (what AWS reads), and says so. */
	utc: boolean;
};

export type DateResult = {ok: true; date: DateValue} | {ok: false; message: string};

const unitMs: Record<string, number> = {
	second: 1000,
	sec: 1000,
	minute: 60_000,
	min: 60_000,
	hour: 3_600_000,
	day: 86_400_000,
	week: 604_800_000,
	fortnight: 1_209_600_000,
};

/** "1 hour ago", "30 days ago", "now", "yesterday", "2 weeks" -> offset in ms; undefined if not understood. */
export function relativeOffset(phrase: string): number | undefined {
	const text = phrase.trim().toLowerCase();
	if (text.length > 100) return undefined;
	if (text === 'now' || text === 'today') return 0;
	if (text === 'yesterday') return -86_400_000;
	if (text === 'tomorrow') return 86_400_000;
	const match = /^([+-]?\d{1,6})\s*([a-z]+?)s?(\s+ago)?$/.exec(text);
	if (!match) return undefined;
	const [, count, unit, ago] = match;
	const ms = unitMs[unit ?? ''];
	if (ms === undefined) return undefined;
	const n = Number(count) * ms;
	return ago ? -n : n;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A strftime subset in UTC; undefined (with the offending directive) when a directive is unknown. */
export function formatDate(format: string, epochMs: number): {ok: true; text: string} | {ok: false; directive: string} {
	const d = new Date(epochMs);
	let out = '';
	for (let i = 0; i < format.length; i++) {
		const c = format[i];
		if (c !== '%') {
			out += c;
			continue;
		}
		const k = format[++i];
		switch (k) {
			case 's':
				out += String(Math.floor(epochMs / 1000));
				break;
			case 'Y':
				out += pad(d.getUTCFullYear(), 4);
				break;
			case 'm':
				out += pad(d.getUTCMonth() + 1);
				break;
			case 'd':
				out += pad(d.getUTCDate());
				break;
			case 'H':
				out += pad(d.getUTCHours());
				break;
			case 'M':
				out += pad(d.getUTCMinutes());
				break;
			case 'S':
				out += pad(d.getUTCSeconds());
				break;
			case 'F':
				out += `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
				break;
			case 'T':
				out += `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
				break;
			case 'Z':
				out += 'UTC';
				break;
			case '%':
				out += '%';
				break;
			default:
				return {ok: false, directive: `%${k ?? ''}`};
		}
	}
	return {ok: true, text: out};
}

/**
 * Evaluates the words of a `date` command (already unquoted): `date [-u|--utc] [-d WHEN|--date=WHEN] +FORMAT`.
 */
export function evaluateDateCommand(words: readonly string[], now: number): DateResult {
	if (words[0] !== 'date') {
		return {ok: false, message: `only $(date ...) is evaluated; $(${words[0] ?? ''} ...) would need a shell`};
	}
	let utc = false;
	let when: string | undefined;
	let format: string | undefined;
	for (let i = 1; i < words.length; i++) {
		const word = words[i] ?? '';
		if (word === '-u' || word === '--utc' || word === '--universal') utc = true;
		else if (word === '-d' || word === '--date') {
			when = words[++i];
			if (when === undefined) return {ok: false, message: `date ${word} needs a value such as '1 hour ago'`};
		} else if (word.startsWith('--date=')) when = word.slice('--date='.length);
		else if (word.startsWith('-d') && word.length > 2) when = word.slice(2);
		else if (word.startsWith('+')) format = word.slice(1);
		else return {ok: false, message: `date option "${word}" is not supported (use -u, -d WHEN and +FORMAT)`};
	}
	if (format === undefined) return {ok: false, message: 'date without a +FORMAT prints a locale-dependent text; give +%s or +%Y-%m-%dT%H:%M:%S'};
	const offsetMs = when === undefined ? 0 : relativeOffset(when);
	if (offsetMs === undefined) {
		return {ok: false, message: `date -d '${when ?? ''}' is not understood (use forms like '1 hour ago', '30 days ago', 'now')`};
	}
	const formatted = formatDate(format, now + offsetMs);
	if (!formatted.ok) return {ok: false, message: `date format directive ${formatted.directive} is not supported`};
	return {ok: true, date: {value: formatted.text, offsetMs, utc}};
}
