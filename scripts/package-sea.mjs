// `npm run package:sea`: release/acso-tui-linux-x64 (or -linux-arm64), a single executable built
// with Node's single-executable-application support, for a bastion with no Node at all: this
// Node's own binary with the CLI injected (postject).
//
// Node 20's SEA runs only a CommonJS main script, and the CLI is ESM with top-level await (so are
// yoga-layout, Ink's layout engine, and our width tables): a CommonJS bundle cannot hold it. So
// the main script is a few lines of CommonJS that read the ESM bundle, embedded as an SEA asset,
// and import it as a data: URL module (a data: URL module can import node: built-ins, and the
// bundle has nothing else to import). The bundle's import.meta.url is the executable's file URL
// (seaBundleOptions): createRequire() refuses a data: URL.
//
// Where the platform or this Node cannot build one, it says why and exits 0: the .mjs is the
// portable install.
import {execFile} from 'node:child_process';
import {build} from 'esbuild';
import {inject} from 'postject';
import {chmod, copyFile, mkdir, readFile, rename, rm, stat, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {promisify} from 'node:util';
import {seaBundleOptions} from './bundle-options.mjs';

const run = promisify(execFile);
const fuse = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
const outfile = `release/acso-tui-${process.platform}-${process.arch}`;
const work = '.tmp/sea';

/** Why this machine cannot build the executable, or undefined when it can. */
async function unsupported() {
	// macOS and Windows need the signature removed and redone around the injection; not done here.
	if (process.platform !== 'linux') return `only built on Linux (this is ${process.platform})`;
	const [major, minor] = process.versions.node.split('.').map(Number);
	// sea.getAsset(), which reads the embedded bundle, came in Node 20.12.
	if (major < 20 || (major === 20 && minor < 12)) return `needs Node >= 20.12 for sea.getAsset() (this is ${process.version})`;
	const binary = await readFile(process.execPath);
	if (!binary.includes(fuse)) return `${process.execPath} has no SEA fuse (a Node built without single-executable support)`;
	return undefined;
}

const reason = await unsupported();
if (reason) {
	console.log(`${outfile}: skipped: ${reason}; release/acso-tui.mjs (npm run package) runs with any Node >= 20`);
	process.exit(0);
}

await rm(work, {recursive: true, force: true});
await mkdir(work, {recursive: true});
await mkdir('release', {recursive: true});

const bundle = path.join(work, 'acso-tui.mjs');
await build({...seaBundleOptions, outfile: bundle, minify: true, legalComments: 'eof'});

const main = path.join(work, 'main.cjs');
await writeFile(
	main,
	`// The single executable's CommonJS entry: the ESM bundle is an SEA asset, run as a data: URL module.
const source = require('node:sea').getAsset('acso-tui.mjs', 'utf8');
const url = 'data:text/javascript;base64,' + Buffer.from(source).toString('base64');
import(url).catch(error => {
	// A stack names the module by its URL: the whole bundle in base64, not what anyone can read.
	const text = String(error && error.stack ? error.stack : error).split(url).join('acso-tui.mjs');
	process.stderr.write('acso-tui: ' + text + '\\n');
	process.exit(70);
});
`,
);

const blob = path.join(work, 'sea.blob');
const config = path.join(work, 'sea-config.json');
await writeFile(config, JSON.stringify({main, output: blob, disableExperimentalSEAWarning: true, assets: {'acso-tui.mjs': bundle}}));
await run(process.execPath, ['--experimental-sea-config', config]);

const partial = `${outfile}.partial`;
await copyFile(process.execPath, partial);
await chmod(partial, 0o755);
// Node's binary carries its debug symbols (about 12 MiB here): strip them where strip exists.
const stripped = await run('strip', [partial]).then(
	() => true,
	() => false,
);
// postject's notes (LIEF on ELF sections: "Can't find string offset ...") are noise on success
// and the cause on failure: held back, shown only then.
const notes = [];
const warn = console.warn;
console.warn = (...args) => notes.push(args.join(' '));
try {
	await inject(partial, 'NODE_SEA_BLOB', await readFile(blob), {sentinelFuse: fuse});
} catch (error) {
	process.stderr.write(notes.join('\n') + '\n');
	throw error;
} finally {
	console.warn = warn;
}
await rename(partial, outfile);

// It must run: a blob that failed to load would otherwise be found on the bastion.
const {stdout} = await run(path.resolve(outfile), ['--version'], {env: {PATH: ''}}).catch(error => {
	throw new Error(`${outfile} --version failed: ${String(error.stderr).slice(0, 2000)}`);
});
const {size} = await stat(outfile);
console.log(`${outfile}: ${(size / 2 ** 20).toFixed(1)} MiB (Node ${process.version}${stripped ? ', stripped' : ''}; acso-tui ${stdout.trim()})`);
