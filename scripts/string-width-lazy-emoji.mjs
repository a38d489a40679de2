// An esbuild plugin: string-width 8 (Ink's) builds /^\p{RGI_Emoji}$/v when it is loaded, and V8
// takes ~45 ms to build that set of strings, on the path to the first frame, where no emoji is
// drawn. Here the set is built on the first segment that could be an emoji: one of more than one
// UTF-16 unit, or a character with Emoji_Presentation (every one-character RGI emoji has it; the
// test checks every code point). The answers are the original's.
import {readFile} from 'node:fs/promises';

const eager = 'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;';
const lazy = [
	'// Built on first need (scripts/string-width-lazy-emoji.mjs).',
	'let rgiEmojiSet;',
	'const mayBeRgiEmoji = /\\p{Emoji_Presentation}/u;',
	"const rgiEmojiRegex = {test: segment => (segment.length > 1 || mayBeRgiEmoji.test(segment)) && (rgiEmojiSet ??= new RegExp('^\\\\p{RGI_Emoji}$', 'v')).test(segment)};",
].join('\n');

/** string-width's source with the emoji set built lazily; throws if the source no longer reads as expected. */
export function lazyEmojiSource(source, file = 'string-width') {
	if (source.split(eager).length !== 2) throw new Error(`string-width-lazy-emoji: ${file} no longer builds its RGI_Emoji set as expected; check it and update scripts/string-width-lazy-emoji.mjs`);
	return source.replace(eager, () => lazy); // a function: the text holds a `$'`
}

export const stringWidthLazyEmoji = {
	name: 'string-width-lazy-emoji',
	setup(b) {
		b.onLoad({filter: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/}, async args => {
			const source = await readFile(args.path, 'utf8');
			// Only a copy that builds the set as a /v literal; older ones (wrap-ansi's string-width 7
			// uses the emoji-regex package) are left as they are.
			if (!source.includes('{RGI_Emoji}$/v')) return undefined;
			try {
				return {contents: lazyEmojiSource(source, args.path), loader: 'js'};
			} catch (error) {
				return {errors: [{text: error.message}]};
			}
		});
	},
};
