import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {cyclesOf, importsOf, readImportGraph} from './import-graph.js';

// The shape the architecture doc asks for, checked over the import graph of source/ on every run:
// only aws/ talks to the SDK, the layers below the views never import them, and nothing imports
// itself round a loop.

const root = fileURLToPath(new URL('../..', import.meta.url));
const graph = readImportGraph(root);
const folderOf = (file: string) => file.split('/')[1] ?? '';

// Folders that hold no view: what they import may not be a screen or a component.
const belowViews = ['format', 'hooks', 'model', 'port', 'runbooks', 'discovery', 'logs', 'sim', 'drills'];

describe('the import graph of source/', () => {
	it('is read from every file', () => {
		expect(graph.files.length).toBeGreaterThan(100);
		// Every relative import resolves to a file.
		const unresolved = [...graph.edges].flatMap(([file, targets]) => targets.filter(t => t.startsWith('unresolved:')).map(t => `${file} -> ${t}`));
		expect(unresolved).toEqual([]);
	});

	it('has only source/aws/ importing the AWS SDK', () => {
		const sdk = [...graph.specifiers].flatMap(([file, specs]) => (folderOf(file) === 'aws' ? [] : specs.filter(s => s.startsWith('@aws-sdk/')).map(s => `${file} -> ${s}`)));
		expect(sdk).toEqual([]);
	});

	it('never has format/, hooks/, model/, port/, runbooks/, discovery/, logs/, sim/ or drills/ import a screen or a component', () => {
		const upward = [...graph.edges].flatMap(([file, targets]) =>
			belowViews.includes(folderOf(file)) ? targets.filter(t => ['screens', 'components'].includes(folderOf(t))).map(t => `${file} -> ${t}`) : [],
		);
		expect(upward).toEqual([]);
	});

	it('never has the fixes catalogue import the runbooks, nor the domain import the shell', () => {
		// runbooks/ reads fixes/hint.ts (what a guide step asks for); the other way round was a loop.
		const edges = [...graph.edges].flatMap(([file, targets]) => targets.map(t => [file, t] as const));
		expect(edges.filter(([f, t]) => folderOf(f) === 'fixes' && !f.startsWith('source/fixes/ui/') && folderOf(t) === 'runbooks').map(e => e.join(' -> '))).toEqual([]);
		expect(edges.filter(([f, t]) => ['format', 'model', 'port', 'runbooks', 'discovery', 'logs', 'sim', 'drills'].includes(folderOf(f)) && folderOf(t) === 'shell').map(e => e.join(' -> '))).toEqual([]);
	});

	it('has no cycle', () => {
		expect(cyclesOf(graph.edges)).toEqual([]);
	});
});

describe('the import reader', () => {
	it('finds static, type-only, re-exported, side-effect and dynamic imports, and skips comments', () => {
		const text = [
			"import {a} from './a.js';",
			"import type {B} from '../b.js';",
			"import C, {type D} from './c.js';",
			"export {e} from './e.js';",
			"export type * from './f.js';",
			"import './g.js';",
			"const h = await import('./h.js');",
			"// import {x} from './commented.js';",
			"/* import {y} from './block.js'; */",
			"const s = 'import {z} from \"./in-a-string\"';",
		].join('\n');
		expect(importsOf(text)).toEqual(expect.arrayContaining(['./a.js', '../b.js', './c.js', './e.js', './f.js', './g.js', './h.js']));
		expect(importsOf(text)).not.toContain('./commented.js');
		expect(importsOf(text)).not.toContain('./block.js');
	});

	it('finds a cycle of two files and a longer one, and none in a chain', () => {
		expect(cyclesOf(new Map([['a', ['b']], ['b', ['a']], ['c', ['a']]]))).toEqual([['a', 'b']]);
		expect(cyclesOf(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]]))).toEqual([['a', 'b', 'c']]);
		expect(cyclesOf(new Map([['a', ['b']], ['b', ['c']], ['c', []]]))).toEqual([]);
	});
});
