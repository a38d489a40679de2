import {EventEmitter} from 'node:events';
import {render, Text} from 'ink';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {firstFetchDelayMs, usePoll} from '../../source/hooks/use-poll.js';
import {createRefreshSignal, type RefreshSignal} from '../../source/hooks/refresh-signal.js';
import type {PollState} from '../../source/hooks/poll-state.js';
import {abortError, CloudError} from '../../source/port/errors.js';
import {createRecovery, type Recovery} from '../../source/port/recovery.js';

// usePoll's fetch loop on fake timers, with fetches the test answers by hand: never two fetches at
// once, a refresh (the `r` key requests it on the shell's refresh signal) coalesced into one more fetch when it comes
// during a fetch, and a fetch nobody will show cancelled through its AbortSignal.

const intervalMs = 5000;

class Out extends EventEmitter {
	columns = 80;
	rows = 10;
	isTTY = true;
	write = () => true;
}

const stdin = () =>
	Object.assign(new EventEmitter(), {isTTY: false, setRawMode() {}, setEncoding() {}, resume() {}, pause() {}, ref() {}, unref() {}, read: () => null}) as unknown as NodeJS.ReadStream;

type Request = {signal: AbortSignal; at: number; resolve(value: string): void; reject(error: unknown): void};

type PanelProps = {
	fetch: (signal: AbortSignal) => Promise<string>;
	refresh: RefreshSignal;
	panelKey?: string;
	enabled?: boolean;
	recovery: Recovery;
	report: (state: PollState<string>) => void;
};

function Panel(props: PanelProps) {
	const state = usePoll(props.fetch, {intervalMs, key: props.panelKey ?? 'panel', enabled: props.enabled, refresh: props.refresh, recovery: props.recovery});
	props.report(state);
	return <Text>{`${state.status}${state.stale ? ' STALE' : ''}${state.error ? ` ${state.error.message}` : ''}`}</Text>;
}

beforeEach(() => {
	vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date']});
	vi.setSystemTime(1_700_000_000_000);
});

afterEach(() => {
	vi.useRealTimers();
});

// React renders on a real setImmediate (only timers and Date are faked): let it catch up.
async function settle(): Promise<void> {
	for (let i = 0; i < 5; i++) await new Promise<void>(resolve => setImmediate(resolve));
}

async function advance(ms: number) {
	await vi.advanceTimersByTimeAsync(ms);
	await settle();
}

/** A panel whose every fetch waits until the test answers it. */
function mount(initial: Partial<Omit<PanelProps, 'fetch' | 'recovery' | 'report'>> = {}) {
	const requests: Request[] = [];
	const states: Array<PollState<string>> = [];
	const recovery = createRecovery();
	const fetch = (signal: AbortSignal) =>
		new Promise<string>((resolve, reject) => {
			requests.push({signal, at: Date.now(), resolve, reject});
		});
	const refresh = createRefreshSignal();
	let props: PanelProps = {fetch, refresh, recovery, report: state => states.push(state), ...initial};
	const stdout = new Out();
	const instance = render(<Panel {...props} />, {stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin(), debug: true, patchConsole: false, exitOnCtrlC: false});
	const update = async (change: Partial<PanelProps>) => {
		props = {...props, ...change};
		instance.rerender(<Panel {...props} />);
		await settle();
	};
	return {
		requests,
		states,
		recovery,
		last: () => states.at(-1)!,
		/** The `r` key: the shell requests a refresh; no props change, nothing re-renders for it. */
		pressR: async () => {
			refresh.request();
			await settle();
		},
		update,
		/** Answers the newest request. */
		answer: async (value: string) => {
			requests.at(-1)!.resolve(value);
			await settle();
		},
		unmount: () => instance.unmount(),
	};
}

describe('usePoll: one fetch at a time, refreshes coalesced', () => {
	it('r whose data come back equal renders nothing: the refresh is no prop, the equal answer no new state', async () => {
		const panel = mount();
		await advance(firstFetchDelayMs);
		await panel.answer('same');
		const renders = panel.states.length;

		await panel.pressR();
		expect(panel.requests).toHaveLength(2);
		expect(panel.states).toHaveLength(renders); // asking rendered nothing
		await panel.answer('same');
		expect(panel.states).toHaveLength(renders); // nor did the equal answer

		await panel.pressR();
		await panel.answer('changed');
		expect(panel.states).toHaveLength(renders + 1);
		expect(panel.last()).toMatchObject({status: 'ok', data: 'changed'});
	});

	it('r pressed twice during a slow fetch sends one more request, not two', async () => {
		const panel = mount();
		await advance(firstFetchDelayMs);
		expect(panel.requests).toHaveLength(1);

		// The fetch is slow: r twice while it is on its way.
		await panel.pressR();
		await advance(100);
		await panel.pressR();
		await advance(100);
		expect(panel.requests).toHaveLength(1);
		expect(panel.requests[0]!.signal.aborted).toBe(false); // a refresh does not cancel the fetch in flight

		// It answers: exactly one more fetch, at once.
		await panel.answer('first');
		expect(panel.last()).toMatchObject({status: 'ok', data: 'first'});
		expect(panel.requests).toHaveLength(2);
		expect(panel.requests[1]!.at).toBe(panel.requests[0]!.at + 200);

		// That one answers too: nothing more until the interval, then the normal poll.
		await panel.answer('second');
		expect(panel.last()).toMatchObject({status: 'ok', data: 'second'});
		await advance(intervalMs - 1);
		expect(panel.requests).toHaveLength(2);
		await advance(1);
		expect(panel.requests).toHaveLength(3);
		panel.unmount();
	});

	it('r pressed during a slow fetch that fails still sends exactly one more request', async () => {
		const panel = mount();
		await advance(firstFetchDelayMs);
		await panel.pressR();
		await panel.pressR();
		await panel.pressR();
		panel.requests[0]!.reject(new CloudError('unknown', 'ServiceUnavailable'));
		await settle();
		expect(panel.last()).toMatchObject({status: 'error', failures: 1});
		expect(panel.requests).toHaveLength(2);
		await panel.answer('back');
		expect(panel.last()).toMatchObject({status: 'ok', data: 'back', stale: false});
		expect(panel.requests).toHaveLength(2);
		panel.unmount();
	});

	it('r while idle fetches at once, and the interval counts from that fetch', async () => {
		const panel = mount();
		await advance(firstFetchDelayMs);
		await panel.answer('first');
		await advance(1000);
		expect(panel.requests).toHaveLength(1);

		await panel.pressR();
		expect(panel.requests).toHaveLength(2); // no timer had to run
		await panel.answer('refreshed');
		expect(panel.last()).toMatchObject({status: 'ok', data: 'refreshed'});
		await advance(intervalMs - 1);
		expect(panel.requests).toHaveLength(2);
		await advance(1);
		expect(panel.requests).toHaveLength(3);
		panel.unmount();
	});

	it('r before the first fetch went fetches at once, once', async () => {
		const panel = mount();
		await panel.pressR();
		expect(panel.requests).toHaveLength(1);
		await advance(firstFetchDelayMs * 4);
		expect(panel.requests).toHaveLength(1);
		panel.unmount();
	});
});

describe('usePoll: a fetch nobody will show is cancelled', () => {
	it('unmount during a fetch aborts its signal, and its late answer or error changes nothing', async () => {
		const panel = mount();
		await advance(firstFetchDelayMs);
		const [request] = panel.requests;
		expect(request!.signal.aborted).toBe(false);
		const rendered = panel.states.length;

		panel.unmount();
		expect(request!.signal.aborted).toBe(true);
		// A backend that rejects as it should (an AbortError), or one that answers anyway.
		request!.reject(abortError());
		request!.resolve('too late');
		await advance(intervalMs * 3);
		expect(panel.states.length).toBe(rendered);
		expect(panel.last()).toMatchObject({status: 'loading', failures: 0, stale: false});
		expect(panel.last().error).toBeUndefined();
		expect(panel.requests).toHaveLength(1);
		expect(panel.recovery.waiting).toBe(0);
	});

	it('another key aborts the fetch of the old one, and the old answer is never shown', async () => {
		const panel = mount({panelKey: 'cluster-a'});
		await advance(firstFetchDelayMs);
		const old = panel.requests[0]!;
		await panel.update({panelKey: 'cluster-b'});
		expect(old.signal.aborted).toBe(true);
		old.resolve('cluster-a data');
		await advance(firstFetchDelayMs);
		expect(panel.requests).toHaveLength(2);
		expect(panel.last().data).toBeUndefined();
		await panel.answer('cluster-b data');
		expect(panel.last()).toMatchObject({status: 'ok', data: 'cluster-b data'});
		panel.unmount();
	});

	it('disabling the poll (the screen is hidden) aborts the fetch in flight', async () => {
		const panel = mount();
		await advance(firstFetchDelayMs);
		await panel.update({enabled: false});
		expect(panel.requests[0]!.signal.aborted).toBe(true);
		await advance(intervalMs * 2);
		expect(panel.requests).toHaveLength(1);
		panel.unmount();
	});

	it('an aborted read is not a failure: no error, not stale, no backoff, no recovery wait', async () => {
		const panel = mount();
		await advance(firstFetchDelayMs);
		await panel.answer('data');
		await advance(intervalMs);
		expect(panel.requests).toHaveLength(2);

		// Cancelled below the poll (the poll itself is still running): as if it never happened.
		panel.requests[1]!.reject(abortError());
		await settle();
		expect(panel.last()).toMatchObject({status: 'ok', data: 'data', stale: false, failures: 0});
		expect(panel.last().error).toBeUndefined();
		expect(panel.recovery.waiting).toBe(0);
		// The next fetch comes at the normal interval, not a backed-off one.
		await advance(intervalMs - 1);
		expect(panel.requests).toHaveLength(2);
		await advance(1);
		expect(panel.requests).toHaveLength(3);
		panel.unmount();
	});
});
