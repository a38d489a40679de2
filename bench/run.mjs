// `npm run bench` (after `npm run build`): bundles the bench and its scenario app into
// bench/.build/ with the same esbuild settings as the CLI (production React, no devtools), then
// runs it. Arguments pass through: `npm run bench -- --quick`, `--only=launch,updates`.
import {build} from 'esbuild';
import {mkdirSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {bundleOptions, withoutDevtools} from '../scripts/bundle-options.mjs';
import {inkRenderCaches} from '../scripts/ink-render-caches.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);
const out = path.join(here, '.build');
mkdirSync(out, {recursive: true});

// test/helpers/moto.ts also declares vitest suites; the bench uses only its server helpers.
const withoutVitest = {
	name: 'without-vitest',
	setup(b) {
		b.onResolve({filter: /^vitest$/}, () => ({path: 'vitest', namespace: 'stub'}));
		b.onLoad({filter: /^vitest$/, namespace: 'stub'}, () => ({
			contents: "const outside = () => { throw new Error('vitest suites cannot run inside the bench'); }; export const describe = Object.assign(outside, {skip: outside}); export const it = outside;",
			loader: 'js',
		}));
	},
};
// The CLI's own bundle options (scripts/bundle-options.mjs), so the bench measures the app as it
// ships: with the AWS SDK and node-pty left outside (the bench loads them from node_modules), and
// no shebang (these are modules, not commands). Plugins are chosen per bundle below.
const common = {
	...bundleOptions,
	entryPoints: undefined,
	plugins: undefined,
	external: ['@aws-sdk/*', 'node-pty'],
	banner: {js: bundleOptions.banner.js.replace(/^#!.*\n/, '')},
	absWorkingDir: root,
};
// The app as shipped (with the CLI's render caches for Ink), and the baseline with Ink as published.
await build({...common, entryPoints: ['bench/scenario-app.tsx'], outfile: path.join(out, 'scenario-app.mjs'), plugins: [withoutDevtools, inkRenderCaches]});
await build({...common, entryPoints: ['bench/scenario-app.tsx'], outfile: path.join(out, 'scenario-app-ink.mjs'), plugins: [withoutDevtools]});
await build({...common, entryPoints: ['bench/main.ts'], outfile: path.join(out, 'main.mjs'), plugins: [withoutDevtools, withoutVitest]});

const {runBench} = await import(pathToFileURL(path.join(out, 'main.mjs')).href);
try {
	await runBench(process.argv.slice(2), root);
	process.exit(0);
} catch (error) {
	process.stderr.write(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
	process.exit(1);
}
