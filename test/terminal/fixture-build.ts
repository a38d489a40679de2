// Fixtures under test/fixtures are TypeScript/JSX and Node 20 cannot run them directly: bundle one
// with esbuild into a temporary directory. Packages stay external but are imported by absolute
// path, so the bundle resolves them from this checkout's node_modules wherever it is written.
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {build, type Plugin} from 'esbuild';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
/**
 * Environment for running a bundle: code that resolves packages at run time with require.resolve
 * (source/terminal/unicode-width.ts looks for Ink's string-width) finds them through NODE_PATH.
 */
export const fixtureEnv = {NODE_PATH: path.join(repoRoot, 'node_modules')};

const packagesByAbsolutePath: Plugin = {
	name: 'packages-by-absolute-path',
	setup(builder) {
		builder.onResolve({filter: /^[^./]/}, async args => {
			if (args.path.startsWith('node:') || args.pluginData === 'resolving') return undefined;
			const resolved = await builder.resolve(args.path, {kind: args.kind, resolveDir: args.resolveDir, pluginData: 'resolving'});
			if (resolved.errors.length > 0) return {errors: resolved.errors};
			return {path: resolved.path, external: true};
		});
	},
};

export interface BuiltFixture {
	/** The bundled script, to run with `node`. */
	file: string;
	remove(): Promise<void>;
}

export async function buildFixture(name: string): Promise<BuiltFixture> {
	const directory = await mkdtemp(path.join(tmpdir(), 'acso-tui-fixture-'));
	const file = path.join(directory, `${path.basename(name, path.extname(name))}.mjs`);
	await build({
		entryPoints: [path.join(repoRoot, 'test/fixtures', name)],
		outfile: file,
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		jsx: 'automatic',
		define: {'process.env.NODE_ENV': '"production"'},
		plugins: [packagesByAbsolutePath],
		logLevel: 'error',
	});
	return {file, remove: () => rm(directory, {recursive: true, force: true})};
}
