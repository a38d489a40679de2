import {describe, expect, it} from 'vitest';
import {abortError, CloudError, isAborted, isCloudError, throwIfAborted, readController} from '../../source/port/errors.js';

// What counts as a cancelled read: an AbortError however it was made, never any other failure.

describe('isAborted', () => {
	it('knows the port\'s, the platform\'s and the SDK\'s abort errors, also as the cause of another', () => {
		const sdk = Object.assign(new Error('Request aborted'), {name: 'AbortError'}); // @smithy/node-http-handler
		let platform: unknown;
		try {
			AbortSignal.abort().throwIfAborted();
		} catch (error) {
			platform = error;
		}
		expect([abortError(), sdk, platform].map(isAborted)).toEqual([true, true, true]);
		expect(isAborted(new Error('read failed', {cause: sdk}))).toBe(true);
		expect(isCloudError(abortError())).toBe(false);
	});

	it('is false for every real failure, and for things that are not errors', () => {
		const failures = [
			new CloudError('network', 'connect ECONNREFUSED'),
			new CloudError('throttled', 'Rate exceeded'),
			Object.assign(new Error('timed out'), {name: 'TimeoutError'}),
			new Error('AbortError in the message is not the name'),
			'AbortError',
			undefined,
			null,
		];
		expect(failures.map(isAborted)).toEqual(failures.map(() => false));
	});
});

describe('throwIfAborted', () => {
	it('throws an AbortError for an aborted signal, whatever its reason, and nothing otherwise', () => {
		expect(() => throwIfAborted(undefined)).not.toThrow();
		expect(() => throwIfAborted(new AbortController().signal)).not.toThrow();
		const controller = new AbortController();
		controller.abort(new Error('custom reason'));
		let thrown: unknown;
		try {
			throwIfAborted(controller.signal);
		} catch (error) {
			thrown = error;
		}
		expect(isAborted(thrown)).toBe(true);
	});
});

describe('readController', () => {
	it('takes the listeners of many requests at once without Node warning about a leak', async () => {
		const warnings: string[] = [];
		const onWarning = (warning: Error) => warnings.push(warning.name);
		process.on('warning', onWarning);
		try {
			const {signal} = readController();
			for (let i = 0; i < 25; i++) signal.addEventListener('abort', () => {});
			const plain = new AbortController().signal;
			for (let i = 0; i < 25; i++) plain.addEventListener('abort', () => {});
			await new Promise(resolve => setImmediate(resolve));
			// The plain controller warns once (so the check can fail); ours does not.
			expect(warnings.filter(name => name === 'MaxListenersExceededWarning')).toHaveLength(1);
		} finally {
			process.off('warning', onWarning);
		}
	});
});
