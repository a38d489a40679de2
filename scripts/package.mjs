// `npm run package`: release/acso-tui.mjs, the whole CLI in one file with every dependency inside,
// the AWS SDK clients included, for a bastion where nobody wants an `npm install`: copy the file,
// run it with Node >= 20. The SDK clients are still evaluated lazily: without code splitting,
// esbuild turns each `await import('@aws-sdk/...')` into a module initialised on first use, so
// `--demo` and `--help` never run the SDK's code.
import {build} from 'esbuild';
import {chmod, mkdir, readFile, stat} from 'node:fs/promises';

const outfile = 'release/acso-tui.mjs';
const {version} = JSON.parse(await readFile('package.json', 'utf8'));

// As scripts/build.mjs: Ink's optional React DevTools connection is not shipped.
const withoutDevtools = {
	name: 'without-react-devtools',
	setup(b) {
		b.onResolve({filter: /^react-devtools-core$/}, () => ({path: 'react-devtools-core', namespace: 'stub'}));
		b.onLoad({filter: /.*/, namespace: 'stub'}, () => ({contents: 'export default {connectToDevTools() {}};', loader: 'js'}));
	},
};

await mkdir('release', {recursive: true});
await build({
	entryPoints: ['source/cli.tsx'],
	loader: {'.md': 'text'},
	outfile,
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	jsx: 'automatic',
	plugins: [withoutDevtools],
	// No package.json travels with the file: the version is written in.
	define: {'process.env.NODE_ENV': '"production"', 'process.env.ACSO_TUI_VERSION': JSON.stringify(version)},
	minify: true,
	legalComments: 'eof',
	banner: {js: "#!/usr/bin/env node\nimport {createRequire as __acsoCreateRequire} from 'node:module';\nconst require = __acsoCreateRequire(import.meta.url);"},
	logLevel: 'warning',
});
await chmod(outfile, 0o755);
const {size} = await stat(outfile);
console.log(`${outfile}: ${(size / 2 ** 20).toFixed(1)} MiB`);
