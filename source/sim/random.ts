// Seeded randomness for the simulated account. Two kinds, both deterministic for a seed:
//  - a stream (mulberry32) consumed in simulation order, for the dynamics;
//  - a stateless hash of labels, for facts that must not depend on how many steps ran before
//    (a task's leak rate, the history of yesterday's metrics), so backfill and live agree.
// Math.random is never used: the same seed and clock must give the same account.

export type Rng = {
	/** Uniform in [0, 1). */
	next(): number;
	/** Uniform in [min, max). */
	range(min: number, max: number): number;
	/** Integer in [min, max] inclusive. */
	int(min: number, max: number): number;
	chance(probability: number): boolean;
	pick<T>(items: readonly T[]): T;
	/** Roughly normal (sum of three uniforms), mean 0, standard deviation about 1. */
	gauss(): number;
	/** Lowercase hexadecimal string of the given length. */
	hex(length: number): string;
};

export function createRng(seed: number): Rng {
	let state = seed >>> 0;
	const next = (): number => {
		// mulberry32: small, fast, good enough for a simulation.
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const rng: Rng = {
		next,
		range: (min, max) => min + (max - min) * next(),
		int: (min, max) => min + Math.floor(next() * (max - min + 1)),
		chance: probability => next() < probability,
		pick<T>(items: readonly T[]): T {
			if (items.length === 0) throw new Error('pick from an empty list');
			return items[Math.floor(next() * items.length)] as T;
		},
		gauss: () => (next() + next() + next() - 1.5) * 2,
		hex(length) {
			let out = '';
			while (out.length < length) out += Math.floor(next() * 0x100000000).toString(16).padStart(8, '0');
			return out.slice(0, length);
		},
	};
	return rng;
}

/** A 32-bit hash of labels (FNV-1a with a murmur finaliser): same labels, same number. */
export function hash32(...parts: Array<string | number>): number {
	let h = 0x811c9dc5;
	for (const part of parts) {
		const text = typeof part === 'number' ? String(part) : part;
		for (let i = 0; i < text.length; i++) {
			h ^= text.charCodeAt(i);
			h = Math.imul(h, 0x01000193);
		}
		h ^= 0x1f; // separator, so ('ab','c') and ('a','bc') differ
		h = Math.imul(h, 0x01000193);
	}
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return h >>> 0;
}

/** Uniform in [0, 1), a pure function of the labels. */
export function hashUnit(...parts: Array<string | number>): number {
	return hash32(...parts) / 4294967296;
}

/** Uniform in [min, max), a pure function of the labels. */
export function hashRange(min: number, max: number, ...parts: Array<string | number>): number {
	return min + (max - min) * hashUnit(...parts);
}

const keyCache = new Map<string, number>();

/**
 * A numeric key for a label, hashed once and remembered: the hot paths (a sample per task per
 * second) then mix integers instead of hashing strings.
 */
export function labelKey(label: string): number {
	let key = keyCache.get(label);
	if (key === undefined) {
		if (keyCache.size > 20_000) keyCache.clear(); // task ids come and go; keep the cache small
		key = hash32(label);
		keyCache.set(label, key);
	}
	return key;
}

/** Uniform in [0, 1), a pure function of a key and an integer. */
export function unitAt(key: number, i: number): number {
	let h = (key ^ Math.imul(i | 0, 0x9e3779b1) ^ Math.imul((i / 4294967296) | 0, 0x85ebca6b)) >>> 0;
	h ^= h >>> 16;
	h = Math.imul(h, 0x7feb352d);
	h ^= h >>> 15;
	h = Math.imul(h, 0x846ca68b);
	h ^= h >>> 16;
	return (h >>> 0) / 4294967296;
}

/**
 * Smooth noise in about [-1, 1]: values at whole multiples of `scaleMs` come from the key and are
 * blended with a cosine in between, so a metric wanders instead of jumping every minute.
 */
export function smoothNoise(t: number, scaleMs: number, key: number): number {
	const x = t / scaleMs;
	const i = Math.floor(x);
	const f = x - i;
	const a = unitAt(key, i) * 2 - 1;
	const b = unitAt(key, i + 1) * 2 - 1;
	const w = (1 - Math.cos(Math.PI * f)) / 2;
	return a * (1 - w) + b * w;
}

/** A lowercase hex string of the given length, a pure function of the labels. */
export function hashHex(length: number, ...parts: Array<string | number>): string {
	let out = '';
	for (let i = 0; out.length < length; i++) out += hash32(...parts, i).toString(16).padStart(8, '0');
	return out.slice(0, length);
}
