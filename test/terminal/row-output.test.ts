import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {withRowReuse, type OutputClass, type StyledChar} from '../../source/terminal/row-output.js';
import {load, loadInkFile} from '../helpers/ink-copies.js';

// Ink's own Output, and the functions its output.js imports, as Ink loads them.
const InkOutput = (await loadInkFile<{default: OutputClass}>('output.js')).default;
const {styledCharsToString} = await load<{styledCharsToString: (chars: StyledChar[]) => string}>('@alcalzone/ansi-tokenize');
const sliceAnsi = (await load<{default: (text: string, start?: number, end?: number) => string}>('slice-ansi')).default;

type Transformer = (line: string, index: number) => string;
type Op = {type: 'write'; x: number; y: number; text: string; transformers: Transformer[]} | {type: 'clip'; clip: {x1?: number; x2?: number; y1?: number; y2?: number}} | {type: 'unclip'};

const transformers: Transformer[] = [line => `\u001B[31m${line}\u001B[39m`, (line, index) => (index === 0 ? line : ` ${line}`), line => line.toUpperCase()];
const sgr = fc.constantFrom('\u001B[31m', '\u001B[39m', '\u001B[1m', '\u001B[22m', '\u001B[7m', '\u001B[38;5;208m', '\u001B[48;2;10;20;30m', '\u001B[0m');
const text = fc.array(fc.oneof(sgr, fc.constantFrom('a', 'b', ' ', '─', '界', 'e\u0301', '✅', '⚠', 'word')), {maxLength: 12}).map(parts => parts.join(''));
const block = fc.array(text, {minLength: 1, maxLength: 3}).map(lines => lines.join('\n'));
const at = fc.integer({min: -4, max: 24});
const op: fc.Arbitrary<Op> = fc.oneof(
	{weight: 4, arbitrary: fc.record({type: fc.constant('write' as const), x: at, y: fc.integer({min: -3, max: 10}), text: block, transformers: fc.subarray(transformers)})},
	{weight: 1, arbitrary: fc.record({type: fc.constant('clip' as const), clip: fc.record({x1: at, x2: at, y1: at, y2: at}, {requiredKeys: []})})},
	{weight: 1, arbitrary: fc.constant({type: 'unclip' as const})},
);

function draw(Output: OutputClass, width: number, height: number, ops: readonly Op[]): {output: string; height: number} {
	const output = new Output({width, height}) as InstanceType<OutputClass> & {
		write(x: number, y: number, text: string, options: {transformers: Transformer[]}): void;
		clip(clip: object): void;
		unclip(): void;
	};
	for (const operation of ops) {
		if (operation.type === 'write') output.write(operation.x, operation.y, operation.text, {transformers: operation.transformers});
		else if (operation.type === 'clip') output.clip(operation.clip);
		else output.unclip();
	}

	return output.get();
}

describe('withRowReuse', () => {
	it("gives exactly Ink's frame for any operations, frame after frame (rows seen before come from its cache)", () => {
		// Frames drawn from one pool of operations, so that rows recur from frame to frame as on screen.
		const scenario = fc.record({
			width: fc.integer({min: 1, max: 20}),
			height: fc.integer({min: 1, max: 8}),
			pool: fc.array(op, {minLength: 1, maxLength: 10}),
			// Each frame picks operations from the pool and may be a column or two wider (a resize).
			frames: fc.array(fc.tuple(fc.array(fc.nat(), {maxLength: 10}), fc.nat(2)), {minLength: 1, maxLength: 6}),
			capacity: fc.integer({min: 1, max: 16}),
		});
		fc.assert(
			fc.property(scenario, ({width, height, pool, frames, capacity}) => {
				const Reusing = withRowReuse(InkOutput, {sliceAnsi, styledCharsToString}, capacity);
				for (const [picks, wider] of frames) {
					const ops = picks.map(pick => pool[pick % pool.length]!);
					expect(draw(Reusing, width + wider, height, ops)).toEqual(draw(InkOutput, width + wider, height, ops));
				}
			}),
			{numRuns: 400},
		);
	});

	it('builds a row again only when what is written on it changed', () => {
		let stringified = 0;
		const counting = (chars: StyledChar[]) => {
			stringified++;
			return styledCharsToString(chars);
		};
		const Reusing = withRowReuse(InkOutput, {sliceAnsi, styledCharsToString: counting});
		const frame = (value: string): Op[] => [
			{type: 'write', x: 0, y: 0, text: 'header', transformers: []},
			{type: 'write', x: 2, y: 1, text: `cpu ${value}`, transformers: []},
			{type: 'write', x: 0, y: 2, text: 'footer', transformers: []},
		];
		draw(Reusing, 10, 4, frame('41'));
		expect(stringified).toBe(4); // every row, the empty fourth too
		expect(draw(Reusing, 10, 4, frame('44')).output).toBe('header\n  cpu 44\nfooter\n');
		expect(stringified).toBe(5); // only the row that changed
	});
});
