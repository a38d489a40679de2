// The bundles' string-width with its emoji set built lazily (scripts/string-width-lazy-emoji.mjs)
// gives the original's width for the code points where emoji live and for emoji sequences.
import {build} from 'esbuild';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import fc from 'fast-check';
import {afterAll, describe, expect, it} from 'vitest';
import {lazyEmojiSource, stringWidthLazyEmoji} from '../../scripts/string-width-lazy-emoji.mjs';

type Width = (text: string, options?: {ambiguousIsNarrow?: boolean}) => number;
const realPath = createRequire(import.meta.url).resolve('string-width'); // Ink's copy: node_modules/string-width
const dir = mkdtempSync(path.join(tmpdir(), 'lazy-emoji-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

const entry = path.join(dir, 'entry.mjs');
writeFileSync(entry, `export {default} from ${JSON.stringify(realPath)};\n`);
await build({entryPoints: [entry], bundle: true, format: 'esm', platform: 'node', outfile: path.join(dir, 'lazy.mjs'), plugins: [stringWidthLazyEmoji], logLevel: 'silent'});
const lazyWidth = ((await import(pathToFileURL(path.join(dir, 'lazy.mjs')).href)) as {default: Width}).default;
const realWidth = ((await import(pathToFileURL(realPath).href)) as {default: Width}).default;

const samples = ['👍', '👍🏽', '👨‍👩‍👧', '🇩🇪', '1️⃣', '#⃣', '❤️', '❤', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '🏻', '☺️', 'é', 'e\u0301', '한국어', '─┼│…·▁▂▃', '\u001B[31mred\u001B[39m ✔', '👩🏾‍💻 dev'];

describe('string-width with a lazy emoji set', () => {
	it('is the real string-width, patched at its one eager set', () => {
		const source = lazyEmojiSource(readFileSync(realPath, 'utf8'));
		expect(source).not.toMatch(/=\s*\/\^\\p\{RGI_Emoji\}\$\/v/);
		expect(source).toContain("new RegExp('^\\\\p{RGI_Emoji}$', 'v')");
		expect(() => lazyEmojiSource('const other = 1;')).toThrow(/no longer builds/);
	});

	// The BMP, the emoji planes' blocks and the tags: every one-character emoji is in them (the rest
	// of the astral planes is more than one UTF-16 unit, which always takes the original's path).
	it('gives the original width for every code point of the BMP and the emoji blocks', () => {
		const differences: string[] = [];
		const codes = function* () {
			for (let code = 0; code <= 0xffff; code++) if (code < 0xd800 || code > 0xdfff) yield code;
			for (let code = 0x1f000; code <= 0x1faff; code++) yield code;
			for (let code = 0xe0000; code <= 0xe007f; code++) yield code;
		};
		for (const code of codes()) {
			const text = String.fromCodePoint(code);
			if (lazyWidth(text) !== realWidth(text)) differences.push(code.toString(16));
		}
		expect(differences).toEqual([]);
	});

	it('gives the original width for emoji sequences and mixed text', () => {
		for (const text of samples) expect([text, lazyWidth(text)]).toEqual([text, realWidth(text)]);
		const piece = fc.constantFrom(...samples, 'a', ' ', '\u200D', '\uFE0F', '\u20E3', '🏿', '🇫', '🇷', '中', '\u0300');
		fc.assert(
			fc.property(fc.array(piece, {maxLength: 12}), fc.boolean(), (pieces, narrow) => {
				const text = pieces.join('');
				expect(lazyWidth(text, {ambiguousIsNarrow: narrow})).toBe(realWidth(text, {ambiguousIsNarrow: narrow}));
			}),
			{numRuns: 2000},
		);
	});
});
