import type {Plugin} from 'esbuild';

/** meow's bundled dependencies with normalize-package-data loaded on its first call; throws if the source no longer matches. */
export function lazyNormalizeSource(source: string, file?: string): string;
export const meowLazyNormalize: Plugin;
