// An esbuild plugin: meow 14 bundles its dependencies into one file, which runs
// normalize-package-data when it is loaded (and so spdx-correct, spdx-expression-parse, semver,
// hosted-git-info with their tables): ~5 ms on the path to the first frame, for a function meow
// calls only when the app reads `cli.pkg`, which acso-tui never does. Here it is loaded on its
// first call; what it does is the original's.
import {readFile} from 'node:fs/promises';

const eager = 'var normalizeExports = requireNormalize();\nconst normalizePackageData = getDefaultExportFromCjs(normalizeExports);';
const lazy = [
	'// Loaded on first call (scripts/meow-lazy-normalize.mjs).',
	'let normalizeOnce;',
	'const normalizePackageData = (...args) => (normalizeOnce ??= getDefaultExportFromCjs(requireNormalize()))(...args);',
].join('\n');

/** meow's dependencies with normalize-package-data loaded on first call; throws if the source no longer reads as expected. */
export function lazyNormalizeSource(source, file = 'meow/build/dependencies.js') {
	if (source.split(eager).length !== 2 || source.split('requireNormalize()').length !== 2) {
		throw new Error(`meow-lazy-normalize: ${file} no longer loads normalize-package-data as expected; check it and update scripts/meow-lazy-normalize.mjs`);
	}

	return source.replace(eager, () => lazy);
}

export const meowLazyNormalize = {
	name: 'meow-lazy-normalize',
	setup(b) {
		b.onLoad({filter: /[\\/]node_modules[\\/]meow[\\/]build[\\/]dependencies\.js$/}, async args => {
			try {
				return {contents: lazyNormalizeSource(await readFile(args.path, 'utf8'), args.path), loader: 'js'};
			} catch (error) {
				return {errors: [{text: error.message}]};
			}
		});
	},
};
