import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import {dirname, join, relative, resolve} from 'node:path';

// The import graph of source/, read from the files themselves: every static `import … from`,
// `export … from`, side-effect `import '…'` and dynamic `import('…')`, type-only ones included
// (a type import still ties one layer to another). Comments are blanked first, so an example in a
// comment is not an edge; string contents are left alone (a module specifier is a string).

export type ImportGraph = {
	/** Files as paths relative to the repository root, e.g. `source/format/sanitize.ts`. */
	files: string[];
	/** file -> the specifiers it imports, as written. */
	specifiers: Map<string, string[]>;
	/** file -> the source files its relative imports resolve to. */
	edges: Map<string, string[]>;
};

const sourceExtensions = ['.ts', '.tsx'];

function walk(dir: string): string[] {
	return readdirSync(dir).flatMap(name => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return walk(path);
		return sourceExtensions.some(ext => name.endsWith(ext)) && !name.endsWith('.d.ts') ? [path] : [];
	});
}

/** The text with comments replaced by spaces, strings and template literals kept. */
export function withoutComments(text: string): string {
	let out = '';
	let i = 0;
	while (i < text.length) {
		const c = text[i]!;
		const next = text[i + 1];
		if (c === '/' && next === '/') {
			while (i < text.length && text[i] !== '\n') {
				out += ' ';
				i++;
			}
		} else if (c === '/' && next === '*') {
			const end = text.indexOf('*/', i + 2);
			const stop = end === -1 ? text.length : end + 2;
			out += text.slice(i, stop).replace(/[^\n]/g, ' ');
			i = stop;
		} else if (c === '"' || c === "'" || c === '`') {
			let j = i + 1;
			while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
			out += text.slice(i, j + 1);
			i = j + 1;
		} else {
			out += c;
			i++;
		}
	}
	return out;
}

const importPatterns = [
	/\bimport\s+(?:type\s+)?[\w*{}\s,$]*?\s*from\s*['"]([^'"]+)['"]/g,
	/\bexport\s+(?:type\s+)?(?:\*(?:\s+as\s+\w+)?|\{[^}]*\})\s*from\s*['"]([^'"]+)['"]/g,
	/\bimport\s*['"]([^'"]+)['"]/g,
	/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
];

/** The module specifiers a file's text imports. */
export function importsOf(text: string): string[] {
	const code = withoutComments(text);
	return importPatterns.flatMap(pattern => [...code.matchAll(pattern)].map(m => m[1]!));
}

function resolveRelative(root: string, from: string, specifier: string, known: Set<string>): string | undefined {
	const base = resolve(root, dirname(from), specifier);
	const stem = base.replace(/\.(js|jsx|ts|tsx)$/, '');
	for (const candidate of [...sourceExtensions.map(ext => stem + ext), ...sourceExtensions.map(ext => join(base, 'index' + ext))]) {
		const rel = relative(root, candidate);
		if (known.has(rel)) return rel;
	}
	// A file that is no module (the guide's markdown, package.json): a leaf of the graph.
	return existsSync(base) && statSync(base).isFile() ? relative(root, base) : undefined;
}

export function readImportGraph(root: string, dir = 'source'): ImportGraph {
	const files = walk(join(root, dir)).map(f => relative(root, f)).sort();
	const known = new Set(files);
	const specifiers = new Map<string, string[]>();
	const edges = new Map<string, string[]>();
	for (const file of files) {
		const specs = importsOf(readFileSync(join(root, file), 'utf8'));
		specifiers.set(file, specs);
		const targets = specs.filter(s => s.startsWith('.')).map(s => resolveRelative(root, file, s, known) ?? `unresolved:${s}`);
		edges.set(file, [...new Set(targets)]);
	}
	return {files, specifiers, edges};
}

/** Strongly connected components of more than one file (or a file importing itself): the cycles. */
export function cyclesOf(edges: Map<string, string[]>): string[][] {
	let index = 0;
	const indices = new Map<string, number>();
	const low = new Map<string, number>();
	const onStack = new Set<string>();
	const stack: string[] = [];
	const cycles: string[][] = [];
	const visit = (v: string) => {
		indices.set(v, index);
		low.set(v, index);
		index++;
		stack.push(v);
		onStack.add(v);
		for (const w of edges.get(v) ?? []) {
			if (!edges.has(w)) continue;
			if (!indices.has(w)) {
				visit(w);
				low.set(v, Math.min(low.get(v)!, low.get(w)!));
			} else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
		}
		if (low.get(v) === indices.get(v)) {
			const component: string[] = [];
			let w: string;
			do {
				w = stack.pop()!;
				onStack.delete(w);
				component.push(w);
			} while (w !== v);
			if (component.length > 1 || (edges.get(v) ?? []).includes(v)) cycles.push(component.sort());
		}
	};
	for (const v of edges.keys()) if (!indices.has(v)) visit(v);
	return cycles;
}
