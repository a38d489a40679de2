// `import guide from './x.md'` gives the file's text, in vitest as esbuild's text loader does in the
// build (scripts/build.mjs, bench/run.mjs), so the built-in guide is read from its markdown file.
export function markdownText() {
	return {
		name: 'markdown-text',
		transform(code, id) {
			if (!id.endsWith('.md')) return undefined;
			return {code: `export default ${JSON.stringify(code)};`, map: null};
		},
	};
}
