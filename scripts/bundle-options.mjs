// What every bundle of the CLI shares (dist/cli.js for `npm start`, release/acso-tui.mjs for a
// bastion): one place, so a loader or a define added for one cannot be missing from the other.
import {readFile} from 'node:fs/promises';
import {inkRenderCaches} from './ink-render-caches.mjs';
import {meowLazyNormalize} from './meow-lazy-normalize.mjs';
import {stringWidthLazyEmoji} from './string-width-lazy-emoji.mjs';
import {yogaWithoutFetch} from './yoga-without-fetch.mjs';

const {version} = JSON.parse(await readFile('package.json', 'utf8'));

// Ink connects to React DevTools only when DEV=true; the package is optional and not installed.
// An empty stand-in keeps the bundle from importing it at start-up.
export const withoutDevtools = {
	name: 'without-react-devtools',
	setup(b) {
		b.onResolve({filter: /^react-devtools-core$/}, () => ({path: 'react-devtools-core', namespace: 'stub'}));
		b.onLoad({filter: /^react-devtools-core$/, namespace: 'stub'}, () => ({contents: 'export default {connectToDevTools() {}};', loader: 'js'}));
	},
};

/** esbuild options for an ESM bundle of source/cli.tsx with production React and the version written in. */
export const bundleOptions = {
	entryPoints: ['source/cli.tsx'],
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	jsx: 'automatic',
	// The built-in troubleshooting guide is bundled from its markdown file, as text.
	loader: {'.md': 'text'},
	// Ink's string widths and line tokenising remembered across frames; yoga's wasm decoded without
	// loading Node's fetch; string-width's emoji set built when first needed; meow's package.json
	// normalizer loaded when first called (see the plugins).
	plugins: [withoutDevtools, inkRenderCaches, yogaWithoutFetch, stringWidthLazyEmoji, meowLazyNormalize],
	// No package.json need travel with a bundle: the version is written in.
	define: {'process.env.NODE_ENV': '"production"', 'process.env.ACSO_TUI_VERSION': JSON.stringify(version)},
	// Bundled CommonJS dependencies (react, signal-exit) call require() for Node built-ins: an ESM
	// bundle has none, so give it one.
	banner: {js: "#!/usr/bin/env node\nimport {createRequire as __acsoCreateRequire} from 'node:module';\nconst require = __acsoCreateRequire(import.meta.url);"},
	logLevel: 'warning',
};

/**
 * The same bundle for the single executable, where it runs as a data: URL module (see
 * scripts/package-sea.mjs). A data: URL is no file: createRequire() refuses it, and anything that
 * looks for files beside the module (yargs-parser's createRequire, Ink's string-width lookup) must
 * start from the executable instead, so import.meta.url is the executable's file URL (meow reads
 * the whole import.meta, hence the object).
 */
export const seaBundleOptions = {
	...bundleOptions,
	define: {...bundleOptions.define, 'import.meta': '__acsoImportMeta'},
	banner: {
		js: [
			"import {createRequire as __acsoCreateRequire} from 'node:module';",
			"import {pathToFileURL as __acsoPathToFileUrl} from 'node:url';",
			'const __acsoModuleUrl = __acsoPathToFileUrl(process.execPath).href;',
			'const require = __acsoCreateRequire(__acsoModuleUrl);',
			'const __acsoImportMeta = {url: __acsoModuleUrl};',
		].join('\n'),
	},
};
