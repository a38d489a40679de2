// Bundles the CLI into one ESM file with production React (NODE_ENV is fixed at build time), so
// start-up reads one file instead of hundreds. The AWS SDK stays external: it is imported lazily,
// only when the first AWS call is made (see source/aws/clients.ts).
import {build} from 'esbuild';
import {chmod, readFile} from 'node:fs/promises';

const outfile = 'dist/cli.js';
const {version} = JSON.parse(await readFile('package.json', 'utf8'));

// Ink connects to React DevTools only when DEV=true; the package is optional and not installed.
// An empty stand-in keeps the bundle from importing it at start-up.
const withoutDevtools = {
	name: 'without-react-devtools',
	setup(b) {
		b.onResolve({filter: /^react-devtools-core$/}, () => ({path: 'react-devtools-core', namespace: 'stub'}));
		b.onLoad({filter: /.*/, namespace: 'stub'}, () => ({contents: 'export default {connectToDevTools() {}};', loader: 'js'}));
	},
};
await build({
	entryPoints: ['source/cli.tsx'],
	outfile,
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	jsx: 'automatic',
	// The built-in troubleshooting guide is bundled from its markdown file, as text.
	loader: {'.md': 'text'},
	external: ['@aws-sdk/*', 'node-pty'],
	plugins: [withoutDevtools],
	define: {'process.env.NODE_ENV': '"production"', 'process.env.ACSO_TUI_VERSION': JSON.stringify(version)},
	// Bundled CommonJS dependencies (react, signal-exit) call require() for Node built-ins: an ESM
	// bundle has none, so give it one.
	banner: {js: "#!/usr/bin/env node\nimport {createRequire as __acsoCreateRequire} from 'node:module';\nconst require = __acsoCreateRequire(import.meta.url);"},
	sourcemap: 'linked',
	logLevel: 'warning',
});
await chmod(outfile, 0o755);
