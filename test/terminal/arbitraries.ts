// Random screen content in the shape Ink writes: lines of styled text, no wider than the terminal,
// with wide characters, emoji clusters and combining marks.
import fc from 'fast-check';

/** Graphemes with the width Ink gives them. */
export const GRAPHEMES: ReadonlyArray<readonly [string, 1 | 2]> = [
	['a', 1], ['b', 1], ['Z', 1], ['7', 1], [' ', 1], [' ', 1], ['-', 1], ['│', 1], ['─', 1], ['é', 1],
	['e\u0301', 1], ['⚠', 1], ['漢', 2], ['字', 2], ['✅', 2], ['⚠\uFE0F', 2], ['👍🏽', 2],
];

export interface Segment {
	sgr: string; // the opening SGR sequence, '' for plain text
	graphemes: Array<readonly [string, 1 | 2]>;
}

export type Line = Segment[];

const colour = (base: number) =>
	fc.oneof(
		fc.constant(''),
		fc.integer({min: 0, max: 7}).map(n => String(base + n)),
		fc.integer({min: 0, max: 7}).map(n => String(base + 60 + n)),
		fc.integer({min: 0, max: 255}).map(n => `${base + 8};5;${n}`),
		fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)).map(([r, g, b]) => `${base + 8};2;${r};${g};${b}`),
	);

const sgr = fc
	.tuple(colour(30), colour(40), fc.subarray(['1', '2', '3', '4', '7', '9']))
	.map(([fg, bg, flags]) => {
		const params = [fg, bg, ...flags].filter(Boolean);
		return params.length === 0 ? '' : `\u001B[${params.join(';')}m`;
	});

const segment: fc.Arbitrary<Segment> = fc.record({
	sgr: fc.oneof({weight: 2, arbitrary: fc.constant('')}, {weight: 3, arbitrary: sgr}),
	graphemes: fc.array(fc.constantFrom(...GRAPHEMES), {maxLength: 8}),
});

export const line: fc.Arbitrary<Line> = fc.array(segment, {maxLength: 5});

/** A line as Ink writes it: cut to `cols` columns, each styled segment closed with a reset. */
export function serializeLine(segments: Line, cols: number): string {
	let width = 0;
	let out = '';
	for (const {sgr: open, graphemes} of segments) {
		let text = '';
		for (const [grapheme, graphemeWidth] of graphemes) {
			if (width + graphemeWidth > cols) break;
			text += grapheme;
			width += graphemeWidth;
		}

		if (text !== '') out += open === '' ? text : `${open}${text}\u001B[0m`;
	}

	return out;
}

/** A line that is often like `previous`: unchanged, one segment replaced, or new. */
export function lineLike(previous: Line): fc.Arbitrary<Line> {
	const replaced =
		previous.length === 0
			? line
			: fc.tuple(fc.nat(previous.length - 1), segment).map(([index, fresh]) => previous.map((old, i) => (i === index ? fresh : old)));
	return fc.oneof({weight: 3, arbitrary: fc.constant(previous)}, {weight: 3, arbitrary: replaced}, {weight: 1, arbitrary: line});
}

/** A sequence of frames (line arrays) where each tends to resemble the one before. */
export function frames(maxLines: number, maxFrames: number): fc.Arbitrary<Line[][]> {
	const first = fc.array(line, {minLength: 1, maxLength: maxLines});
	const following = (previous: Line[]): fc.Arbitrary<Line[]> =>
		fc.integer({min: 1, max: maxLines}).chain(height =>
			fc.tuple(...Array.from({length: height}, (_, i) => (previous[i] ? lineLike(previous[i]) : line))),
		);
	return fc.integer({min: 1, max: maxFrames}).chain(count => {
		let chain: fc.Arbitrary<Line[][]> = first.map(frame => [frame]);
		for (let i = 1; i < count; i++) {
			chain = chain.chain(sequence => following(sequence.at(-1)!).map(frame => [...sequence, frame]));
		}

		return chain;
	});
}
