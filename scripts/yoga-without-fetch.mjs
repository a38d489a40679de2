// An esbuild plugin: yoga-layout's Emscripten loader reads its wasm from a base64 data: URL, and
// where a global fetch exists (Node >= 18) it fetches that URL, which makes Node load its whole
// fetch implementation (undici) before Ink's first frame, only to decode the same string. The
// loader's own synchronous decoding of the string is used instead; the wasm is the same bytes.
import {readFile} from 'node:fs/promises';

// The loader's choice between fetch and its own decoder, in yoga-layout 3.x's built file.
const fetchChoice = '"function"!=typeof fetch?Promise.resolve().then(function(){return wa()})';
const ownDecoder = 'true?Promise.resolve().then(function(){return wa()})';

export const yogaWithoutFetch = {
	name: 'yoga-without-fetch',
	setup(b) {
		b.onLoad({filter: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/}, async args => {
			const source = await readFile(args.path, 'utf8');
			// A yoga-layout whose loader reads differently fails the build here, not silently at start-up.
			if (source.split(fetchChoice).length !== 2) return {errors: [{text: `yoga-without-fetch: ${args.path} no longer has the loader's fetch choice; check the new loader and update scripts/yoga-without-fetch.mjs`}]};
			return {contents: source.replace(fetchChoice, ownDecoder), loader: 'js'};
		});
	},
};
