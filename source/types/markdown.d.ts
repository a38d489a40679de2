// A markdown file imported as its text: esbuild's text loader (scripts/build.mjs) and the vite
// plugin in scripts/markdown-text.mjs (vitest) both hand over the file's contents as a string.
declare module '*.md' {
	const text: string;
	export default text;
}
