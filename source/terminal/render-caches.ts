// Caches for the string work Ink repeats on every frame. Ink lays out and draws the whole tree on
// each commit: it measures every text node (string-width, through widest-line) and tokenises every
// line it writes into styled characters (@alcalzone/ansi-tokenize), with caches that live for one
// frame only. A profile of a one-value update puts those two at about half of the app's CPU, for
// lines that are almost all the same as in the last frame. These wrappers remember the answers
// across frames; the bundles substitute them for Ink's imports (scripts/ink-render-caches.mjs).
// Both functions are pure, so a cached answer is the answer.

/**
 * A map that forgets what was not asked for lately: two generations; a hit in the old one moves
 * to the new one, and when the new one is full the old one is dropped. Memory stays bounded by
 * twice the capacity, however many distinct keys a log flood brings.
 */
export class GenerationalCache<K, V> {
	private current = new Map<K, V>();
	private previous = new Map<K, V>();

	constructor(private readonly capacity: number) {
		if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`GenerationalCache: capacity must be a whole number above 0, got ${capacity}`);
	}

	get(key: K, compute: (key: K) => V): V {
		const found = this.find(key);
		if (found !== undefined) return found;
		const value = compute(key);
		this.store(key, value);
		return value;
	}

	/** The value held for `key`, kept for another generation; undefined when none is. */
	find(key: K): V | undefined {
		const value = this.current.get(key);
		if (value !== undefined) return value;
		const old = this.previous.get(key);
		if (old !== undefined) this.store(key, old);
		return old;
	}

	store(key: K, value: V): void {
		if (this.current.size >= this.capacity) {
			this.previous = this.current;
			this.current = new Map();
		}
		this.current.set(key, value);
	}

	get size(): number {
		return this.current.size + this.previous.size;
	}
}

/**
 * A GenerationalCache that keeps an answer from a key's second use on. In a log flood each new
 * line is drawn in one frame and scrolled away by the next: kept at once, every line's styled
 * characters (some KB) would live for two generations, long enough to be promoted, and die in the
 * old generation (issue 17: some 17 MB of peak memory). Asked twice, a line is one that stays.
 */
export class SecondUseCache<K, V> {
	private readonly answers: GenerationalCache<K, V>;
	private readonly asked: GenerationalCache<K, true>;

	constructor(capacity: number) {
		this.answers = new GenerationalCache<K, V>(capacity);
		this.asked = new GenerationalCache<K, true>(capacity);
	}

	/** The answer, and whether it is now held (from the second use on). */
	get(key: K, compute: (key: K) => V, onKept?: (value: V) => void): V {
		const found = this.answers.find(key);
		if (found !== undefined) return found;
		const value = compute(key);
		if (this.asked.find(key)) {
			this.answers.store(key, value);
			onKept?.(value);
		} else this.asked.store(key, true);
		return value;
	}
}

type Width = (text: string, options?: object) => number;

// The capacities hold two frames' worth (a 40-row frame has about 60 text nodes and 100 distinct
// characters) and keep a log flood's new lines from holding memory: a line's styled characters
// take some KB.

/** string-width, remembered: a frame measures mostly single characters and the lines of the last frame. */
export function cachedWidth(width: Width, capacity = 1024): Width {
	const cache = new GenerationalCache<string, number>(capacity);
	return (text, options) => (options === undefined ? cache.get(text, width) : width(text, options));
}

/**
 * tokenize and styledCharsFromTokens, remembered per line. Ink reads the styled characters it gets
 * and never changes them (it places them in its grid and stringifies the grid), so one line's
 * answer can serve every frame that draws that line.
 */
export function cachedStyledChars<Token extends object, Char>(
	tokenize: (text: string, endChar?: number) => Token[],
	styledCharsFromTokens: (tokens: Token[]) => Char[],
	capacity = 128,
): {tokenize: (text: string, endChar?: number) => Token[]; styledCharsFromTokens: (tokens: Token[]) => Char[]} {
	const tokens = new SecondUseCache<string, Token[]>(capacity);
	// Keyed by the token list tokenize gave (strong keys, dropped by generation: a WeakMap's entries
	// outlive their keys until a full garbage collection, which a log flood makes rare), and only
	// for the lists the tokens cache keeps: another list is not handed out twice.
	const chars = new GenerationalCache<Token[], Char[]>(capacity);
	const kept = new WeakSet<Token[]>();
	return {
		tokenize: (text, endChar) => (endChar === undefined ? tokens.get(text, line => tokenize(line), list => kept.add(list)) : tokenize(text, endChar)),
		styledCharsFromTokens: list => (kept.has(list) ? chars.get(list, styledCharsFromTokens) : styledCharsFromTokens(list)),
	};
}

type Code = {code: string; endCode: string};
type StyledChar = {value: string; styles: Code[]};

function sameCodes(a: readonly Code[], b: readonly Code[]): boolean {
	if (a === b) return true;
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i]!.code !== b[i]!.code || a[i]!.endCode !== b[i]!.endCode) return false;
	return true;
}

/**
 * styledCharsToString as @alcalzone/ansi-tokenize writes it, with one shortcut: neighbours with the
 * same styles (most of a row) need no diff, which is what diffAnsiCodes would have computed, at the
 * price of three Sets per character. Ink stringifies every row of every frame with it.
 */
export function fasterStyledCharsToString(
	ansiCodesToString: (codes: Code[]) => string,
	diffAnsiCodes: (from: Code[], to: Code[]) => Code[],
): (chars: StyledChar[]) => string {
	return chars => {
		let out = '';
		for (let i = 0; i < chars.length; i++) {
			const char = chars[i]!;
			if (i === 0) out += ansiCodesToString(char.styles);
			else {
				const before = chars[i - 1]!.styles;
				if (!sameCodes(before, char.styles)) out += ansiCodesToString(diffAnsiCodes(before, char.styles));
			}

			out += char.value;
			if (i === chars.length - 1) out += ansiCodesToString(diffAnsiCodes(char.styles, []));
		}

		return out;
	};
}

type Slice = (text: string, start?: number, end?: number) => string;

/** slice-ansi, remembered: Ink cuts every line of a clipped box (a bordered panel) on every frame. */
export function cachedSlice(slice: Slice, capacity = 128): Slice {
	const cache = new GenerationalCache<string, string>(capacity);
	return (text, start, end) => cache.get(`${start ?? ''},${end ?? ''},${text}`, () => slice(text, start, end));
}

/**
 * A pure text-to-text function, remembered: Ink sanitizes the text of every text node on every
 * frame (tokenising any line with a colour in it), for nodes that are almost all unchanged.
 */
export function cachedText(transform: (text: string) => string, capacity = 512): (text: string) => string {
	const cache = new GenerationalCache<string, string>(capacity);
	return text => cache.get(text, transform);
}
