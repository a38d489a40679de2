// Ink lays out and prints the whole frame after every React commit (its host config's
// resetAfterCommit), even one that changed no host node: a key handled without a visible change,
// the key router's own bookkeeping, a poll whose answer equals what is shown. This wraps the host
// config Ink gives react-reconciler so that a commit which made no mutation skips that work: the
// tree Yoga and Ink's output read is the one already on screen, so the frame would be the same.
// The bundles substitute it for Ink's import of react-reconciler (scripts/ink-render-caches.mjs).

/**
 * Every host config method React calls in mutation mode to change the host tree (React's
 * reconciler README, "Mutation Methods"), and commitMount. A commit that called none of them left
 * the tree as it was.
 */
export const mutationMethods = [
	'appendChild',
	'appendChildToContainer',
	'insertBefore',
	'insertInContainerBefore',
	'removeChild',
	'removeChildFromContainer',
	'commitTextUpdate',
	'commitUpdate',
	'commitMount',
	'resetTextContent',
	'hideInstance',
	'hideTextInstance',
	'unhideInstance',
	'unhideTextInstance',
	'clearContainer',
] as const;

type HostConfig = Record<string, unknown> & {resetAfterCommit?: (container: unknown) => void};

/** The same host config, whose resetAfterCommit runs only after a commit that mutated the tree. */
export function skipCleanCommits<Config extends HostConfig>(config: Config): Config {
	let dirty = true; // the first commit always draws
	const wrapped: HostConfig = {...config};
	for (const name of mutationMethods) {
		const method = config[name];
		if (typeof method !== 'function') continue;
		wrapped[name] = function (this: unknown, ...args: unknown[]) {
			dirty = true;
			return (method as (...a: unknown[]) => unknown).apply(this, args);
		};
	}
	const reset = config.resetAfterCommit;
	if (typeof reset === 'function') {
		wrapped.resetAfterCommit = function (this: unknown, container: unknown) {
			if (!dirty) return;
			dirty = false;
			reset.call(this, container);
		};
	}
	return wrapped as Config;
}
