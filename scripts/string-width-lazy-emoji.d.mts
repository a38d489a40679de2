import type {Plugin} from 'esbuild';

/** string-width's source with its RGI emoji regex built on first need; throws if the source no longer matches. */
export function lazyEmojiSource(source: string, file?: string): string;
export const stringWidthLazyEmoji: Plugin;
