// meow with normalize-package-data loaded on its first call (scripts/meow-lazy-normalize.mjs):
// loading meow no longer runs it, and `cli.pkg` is normalized as by the original.
import {build} from 'esbuild';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {afterAll, describe, expect, it} from 'vitest';
import {lazyNormalizeSource, meowLazyNormalize} from '../../scripts/meow-lazy-normalize.mjs';

type Meow = (help: string, options: Record<string, unknown>) => {pkg: Record<string, unknown>};
const dependencies = path.join(path.dirname(createRequire(import.meta.url).resolve('meow')), 'dependencies.js');
const dir = mkdtempSync(path.join(tmpdir(), 'lazy-normalize-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

const entry = path.join(dir, 'entry.mjs');
writeFileSync(entry, "export {default} from 'meow';\n");
const bundle = async (name: string, plugins: Array<typeof meowLazyNormalize>) => {
	const outfile = path.join(dir, name);
	await build({entryPoints: [entry], bundle: true, format: 'esm', platform: 'node', outfile, plugins, nodePaths: [path.resolve('node_modules')], logLevel: 'silent'});
	return outfile;
};

const lazyFile = await bundle('lazy.mjs', [meowLazyNormalize]);
const realFile = await bundle('real.mjs', []);

/** How often `file` loads normalize-package-data at its top level, when it is itself loaded. */
function topLevelCalls(file: string, name: string): number {
	return readFileSync(file, 'utf8').split('\n').filter(line => line.startsWith(`var normalizeExports = ${name}`)).length;
}

describe('meow with a lazy package.json normalizer', () => {
	it('does not run normalize-package-data when it is loaded', () => {
		expect(topLevelCalls(realFile, 'requireNormalize()')).toBe(1);
		expect(topLevelCalls(lazyFile, 'requireNormalize()')).toBe(0);
		expect(readFileSync(lazyFile, 'utf8')).toContain('normalizeOnce ??= getDefaultExportFromCjs(requireNormalize())');
		expect(() => lazyNormalizeSource('const other = 1;')).toThrow(/no longer loads normalize-package-data/);
		expect(() => lazyNormalizeSource(readFileSync(dependencies, 'utf8'))).not.toThrow();
	});

	it('normalizes cli.pkg as the original does', async () => {
		const pkg = {name: 'acso-tui', version: '0.1.0', license: 'mit', repository: 'github:example/acso-tui', description: 'a dashboard'};
		const read = async (file: string) => {
			const meow = ((await import(pathToFileURL(file).href)) as {default: Meow}).default;
			return meow('help', {importMeta: import.meta, argv: [], pkg: structuredClone(pkg)}).pkg;
		};
		const lazy = await read(lazyFile);
		expect(lazy).toEqual(await read(realFile));
		// Normalized on the first call: the repository shorthand expanded (hosted-git-info), the id set.
		expect(lazy['repository']).toEqual({type: 'git', url: 'git+https://github.com/example/acso-tui.git'});
		expect(lazy['_id']).toBe('acso-tui@0.1.0');
	});
});
