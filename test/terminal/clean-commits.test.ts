import {describe, expect, it} from 'vitest';
import {mutationMethods, skipCleanCommits} from '../../source/terminal/clean-commits.js';

// The host config Ink hands react-reconciler, as the bundles wrap it: after a commit that called
// no mutation method, Ink's resetAfterCommit (layout, then the frame) does not run.
function hostConfig() {
	const calls: string[] = [];
	const config: Record<string, unknown> & {resetAfterCommit(container: unknown): void} = {
		resetAfterCommit(container: unknown) {
			calls.push(`reset ${String(container)}`);
		},
		getRootHostContext: () => ({}),
	};
	for (const name of mutationMethods) config[name] = (...args: unknown[]) => calls.push(`${name}(${args.join(',')})`);
	return {config, calls};
}

describe('skipCleanCommits', () => {
	it('draws the first commit, skips a commit that mutated nothing, and draws again after any mutation', () => {
		const {config, calls} = hostConfig();
		const wrapped = skipCleanCommits(config);
		wrapped.resetAfterCommit('root');
		expect(calls).toEqual(['reset root']);

		wrapped.resetAfterCommit('root'); // a key handled, a poll's equal answer: nothing changed
		expect(calls).toEqual(['reset root']);

		for (const name of mutationMethods) {
			calls.length = 0;
			(wrapped[name] as (...a: unknown[]) => unknown)('node', 'x');
			wrapped.resetAfterCommit('root');
			wrapped.resetAfterCommit('root');
			expect(calls, name).toEqual([`${name}(node,x)`, 'reset root']);
		}
	});

	it('keeps every other method as it was, and the mutation methods\' results and this', () => {
		const {config} = hostConfig();
		const self = {
			commitUpdate(this: {marker: number}) {
				return this.marker;
			},
			marker: 7,
		};
		const wrapped: Record<string, unknown> = skipCleanCommits({...config, ...self});
		expect(wrapped['getRootHostContext']).toBe(config['getRootHostContext']);
		expect((wrapped['commitUpdate'] as () => number).call(self)).toBe(7);
	});
});
