// An esbuild plugin: Ink's imports of string-width (its own, and its helpers' widest-line,
// cli-truncate, wrap-ansi, slice-ansi), of slice-ansi, of @alcalzone/ansi-tokenize and of its own
// sanitize-ansi.js get the same functions wrapped in cross-frame caches
// (source/terminal/render-caches.ts). Each wrapper imports the very copy the importer would have
// had (wrap-ansi keeps its own string-width 7), so every answer is unchanged; only repeated
// answers are not recomputed. And Ink's reconciler gets its host config wrapped so that a commit which changed no host node does not lay out and print the frame again
// (source/terminal/clean-commits.ts). And Ink's renderer gets an Output that builds only the rows
// that changed since a recent frame (source/terminal/row-output.ts).
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const caches = path.join(root, 'source/terminal/render-caches.ts');
const cleanCommits = path.join(root, 'source/terminal/clean-commits.ts');
const rowOutput = path.join(root, 'source/terminal/row-output.ts');
const inkRenderer = /[\\/]node_modules[\\/]ink[\\/]build[\\/]renderer\.js$/;
const inkReconciler = /[\\/]node_modules[\\/]ink[\\/]build[\\/]reconciler\.js$/;
const inkStack = /[\\/]node_modules[\\/](ink|widest-line|cli-truncate|wrap-ansi|slice-ansi)[\\/]/;

const namespaces = {'string-width': 'cached-width', 'slice-ansi': 'cached-slice', '@alcalzone/ansi-tokenize': 'cached-tokenize'};

export const inkRenderCaches = {
	name: 'ink-render-caches',
	setup(b) {
		// Ink's reconciler gets a host config that skips layout and output after a commit that changed nothing.
		b.onResolve({filter: /^react-reconciler$/}, async args => {
			if (args.pluginData === 'real' || !inkReconciler.test(args.importer)) return undefined;
			const real = await b.resolve(args.path, {kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'real'});
			if (real.errors.length > 0) return {errors: real.errors};
			return {path: real.path, namespace: 'clean-commits'};
		});
		b.onLoad({filter: /.*/, namespace: 'clean-commits'}, args => ({
			contents: `import createReconciler from ${JSON.stringify(args.path)};\nimport {skipCleanCommits} from ${JSON.stringify(cleanCommits)};\nexport default config => createReconciler(skipCleanCommits(config));\n`,
			loader: 'js',
			resolveDir: root,
		}));
		// Ink's renderer gets Output with get() reusing unchanged rows. The module stands where Ink's
		// output.js does, so its imports of slice-ansi and ansi-tokenize are Ink's (and cached, below).
		b.onResolve({filter: /^\.\/output\.js$/}, async args => {
			if (args.pluginData === 'real' || !inkRenderer.test(args.importer)) return undefined;
			const real = await b.resolve(args.path, {kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'real'});
			if (real.errors.length > 0) return {errors: real.errors};
			return {path: real.path, namespace: 'row-output'};
		});
		b.onLoad({filter: /.*/, namespace: 'row-output'}, args => ({
			contents: [
				`import Output from ${JSON.stringify(args.path)};`,
				"import sliceAnsi from 'slice-ansi';",
				"import {styledCharsToString} from '@alcalzone/ansi-tokenize';",
				`import {withRowReuse} from ${JSON.stringify(rowOutput)};`,
				'export default withRowReuse(Output, {sliceAnsi, styledCharsToString});',
				'',
			].join('\n'),
			loader: 'js',
			resolveDir: path.dirname(args.path),
		}));
		// Ink's squashTextNodes sanitizes every text node's text on every frame: remembered per text.
		b.onResolve({filter: /^\.\/sanitize-ansi\.js$/}, async args => {
			if (args.pluginData === 'real' || !inkStack.test(args.importer)) return undefined;
			const real = await b.resolve(args.path, {kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'real'});
			if (real.errors.length > 0) return {errors: real.errors};
			return {path: real.path, namespace: 'cached-sanitize'};
		});
		b.onLoad({filter: /.*/, namespace: 'cached-sanitize'}, args => ({
			contents: `import sanitize from ${JSON.stringify(args.path)};\nimport {cachedText} from ${JSON.stringify(caches)};\nexport default cachedText(sanitize);\n`,
			loader: 'js',
			resolveDir: root,
		}));
		b.onResolve({filter: /^(string-width|slice-ansi|@alcalzone\/ansi-tokenize)$/}, async args => {
			if (args.pluginData === 'real' || !inkStack.test(args.importer)) return undefined;
			const real = await b.resolve(args.path, {kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'real'});
			if (real.errors.length > 0) return {errors: real.errors};
			return {path: real.path, namespace: namespaces[args.path]};
		});
		b.onLoad({filter: /.*/, namespace: 'cached-width'}, args => ({
			contents: `import width from ${JSON.stringify(args.path)};\nimport {cachedWidth} from ${JSON.stringify(caches)};\nexport default cachedWidth(width);\n`,
			loader: 'js',
			resolveDir: root,
		}));
		b.onLoad({filter: /.*/, namespace: 'cached-slice'}, args => ({
			contents: `import slice from ${JSON.stringify(args.path)};\nimport {cachedSlice} from ${JSON.stringify(caches)};\nexport default cachedSlice(slice);\n`,
			loader: 'js',
			resolveDir: root,
		}));
		b.onLoad({filter: /.*/, namespace: 'cached-tokenize'}, args => ({
			contents: [
				`import * as real from ${JSON.stringify(args.path)};`,
				`import {cachedStyledChars, fasterStyledCharsToString} from ${JSON.stringify(caches)};`,
				`export * from ${JSON.stringify(args.path)};`,
				'const cached = cachedStyledChars(real.tokenize, real.styledCharsFromTokens);',
				'export const tokenize = cached.tokenize;',
				'export const styledCharsFromTokens = cached.styledCharsFromTokens;',
				'export const styledCharsToString = fasterStyledCharsToString(real.ansiCodesToString, real.diffAnsiCodes);',
				'',
			].join('\n'),
			loader: 'js',
			resolveDir: root,
		}));
	},
};
