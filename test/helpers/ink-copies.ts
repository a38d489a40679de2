// The very copies of string-width, slice-ansi, @alcalzone/ansi-tokenize and Ink's own files that
// Ink imports, as the bundles' plugin wraps or replaces them (scripts/ink-render-caches.mjs).
import {existsSync, readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {pathToFileURL} from 'node:url';

const inkEntry = createRequire(import.meta.url).resolve('ink'); // .../node_modules/ink/build/index.js
const inkDir = path.dirname(path.dirname(inkEntry));
// Where Node would look from Ink's files; read the package's exports by hand (some are import-only).
function entryOf(name: string): string {
	const dir = [path.join(inkDir, 'node_modules', name), path.join(path.dirname(inkDir), name)].find(candidate => existsSync(candidate));
	if (!dir) throw new Error(`${name} is not installed beside ink`);
	const {exports} = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {exports: unknown};
	type Target = string | {import?: Target; default?: Target; '.'?: Target};
	const pick = (target: Target): string => (typeof target === 'string' ? target : pick(target['.'] ?? target.import ?? target.default ?? './index.js'));
	return path.join(dir, pick(exports as Target));
}

export const load = async <T>(name: string): Promise<T> => (await import(pathToFileURL(entryOf(name)).href)) as T;

/** A file of Ink's build (e.g. 'output.js'), loaded as Ink loads it. */
export const loadInkFile = async <T>(file: string): Promise<T> => (await import(pathToFileURL(path.join(inkDir, 'build', file)).href)) as T;
