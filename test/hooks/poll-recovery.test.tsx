import {EventEmitter} from 'node:events';
import {render, Text} from 'ink';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {usePoll} from '../../source/hooks/use-poll.js';
import type {PollState} from '../../source/hooks/poll-state.js';
import {CloudError} from '../../source/port/errors.js';
import {createRecovery, type Recovery} from '../../source/port/recovery.js';

// usePoll through an outage, on fake timers: four panels polling every 5 s against an endpoint
// that goes away for a minute. While it is away they send far fewer requests than one per
// interval each; once it is back, every panel is fresh within two intervals (plus the fetch).

const intervalMs = 5000;
const panels = ['services', 'metrics', 'alarms', 'db'] as const;
type Panel = (typeof panels)[number];

class Out extends EventEmitter {
	columns = 80;
	rows = 10;
	isTTY = true;
	write = () => true;
}

function Panels(props: {fetch: (panel: Panel) => Promise<string>; recovery: Recovery; report: (panel: Panel, state: PollState<string>) => void}) {
	return (
		<>
			{panels.map(panel => (
				<One key={panel} panel={panel} {...props} />
			))}
		</>
	);
}

function One(props: {panel: Panel; fetch: (panel: Panel) => Promise<string>; recovery: Recovery; report: (panel: Panel, state: PollState<string>) => void}) {
	const state = usePoll(() => props.fetch(props.panel), {intervalMs, key: props.panel, recovery: props.recovery});
	props.report(props.panel, state);
	return <Text>{`${props.panel} ${state.stale ? 'STALE' : state.status}`}</Text>;
}

beforeEach(() => {
	vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date']});
	vi.setSystemTime(1_700_000_000_000);
});

afterEach(() => {
	vi.useRealTimers();
});

function mount(options: {failure: () => Error}) {
	let down = false;
	let answer: (() => Error) | undefined;
	const requests: Array<{panel: Panel; at: number}> = [];
	const states = new Map<Panel, PollState<string>>();
	const fetch = async (panel: Panel) => {
		requests.push({panel, at: Date.now()});
		await Promise.resolve();
		if (down) throw options.failure();
		if (answer) throw answer();
		return `${panel} data`;
	};
	const recovery = createRecovery();
	const stdout = new Out();
	const instance = render(<Panels fetch={fetch} recovery={recovery} report={(panel, state) => states.set(panel, state)} />, {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stdin: Object.assign(new EventEmitter(), {isTTY: false, setRawMode() {}, setEncoding() {}, resume() {}, pause() {}, ref() {}, unref() {}, read: () => null}) as unknown as NodeJS.ReadStream,
		debug: true,
		patchConsole: false,
		exitOnCtrlC: false,
	});
	return {
		requests,
		states,
		fresh: () => panels.every(panel => states.get(panel)?.status === 'ok' && !states.get(panel)?.stale),
		setDown: (value: boolean) => {
			down = value;
		},
		/** Back, answering every request with this error. */
		setAnswer: (error: () => Error) => {
			down = false;
			answer = error;
		},
		unmount: () => instance.unmount(),
	};
}

// React renders on a real setImmediate (only timers and Date are faked): let it catch up.
async function settle(): Promise<void> {
	for (let i = 0; i < 5; i++) await new Promise<void>(resolve => setImmediate(resolve));
}

async function advance(ms: number) {
	for (let t = 0; t < ms; t += 100) {
		await vi.advanceTimersByTimeAsync(Math.min(100, ms - t));
		await settle();
	}
}

describe('usePoll through an outage', () => {
	it.each([
		['connection refused', () => new CloudError('network', 'connect ECONNREFUSED 127.0.0.1:4566', {code: 'ECONNREFUSED'})],
		['HTTP 503', () => new CloudError('unknown', 'ServiceUnavailable')],
	])('%s: backs off together, far below one request per interval, and every panel is fresh within two intervals of its return', async (_name, failure) => {
		const app = mount({failure});
		await advance(1000);
		expect(app.fresh()).toBe(true);

		app.setDown(true);
		const outageStart = app.requests.length;
		await advance(60_000);
		expect(panels.every(panel => app.states.get(panel)?.stale)).toBe(true);
		const during = app.requests.slice(outageStart);
		// At one request per interval each, four panels would send 48 in this minute.
		expect(during.length).toBeLessThanOrEqual(12);
		for (const panel of panels) expect(during.filter(r => r.panel === panel).length).toBeLessThanOrEqual(4);

		app.setDown(false);
		const back = Date.now();
		let freshAt: number | undefined;
		for (let t = 0; t <= 2 * intervalMs + 5000 && freshAt === undefined; t += 100) {
			await advance(100);
			if (app.fresh()) freshAt = Date.now();
		}
		expect(freshAt).toBeDefined();
		expect(freshAt! - back).toBeLessThanOrEqual(2 * intervalMs + 100);
		app.unmount();
	});

	it('an endpoint that answers with an error is back too: every panel is woken by the first answer', async () => {
		// Back, but without what the panels ask for (a restarted emulator, a deleted cluster): "not
		// found" is an answer, so the first probe to hear it wakes the rest at once.
		const app = mount({failure: () => new CloudError('network', 'socket hang up')});
		await advance(1000);
		app.setDown(true);
		await advance(40_000);
		app.setAnswer(() => new CloudError('not-found', 'Not found: cluster acso-staging-cluster'));
		const back = Date.now();
		const mark = app.requests.length;
		await advance(2 * intervalMs + 100);
		const after = app.requests.slice(mark);
		expect(new Set(after.map(r => r.panel))).toEqual(new Set(panels));
		expect(Math.max(...panels.map(panel => after.find(r => r.panel === panel)!.at)) - back).toBeLessThanOrEqual(2 * intervalMs);
		for (const panel of panels) expect(app.states.get(panel)?.error).toMatchObject({kind: 'not-found'});
		app.unmount();
	});

	it('throttling is not an outage: each panel backs off on its own and nobody is woken early', async () => {
		const app = mount({failure: () => new CloudError('throttled', 'Rate exceeded')});
		await advance(1000);
		app.setDown(true);
		const mark = app.requests.length;
		await advance(60_000);
		// Exponential back-off from 5 s up to a minute, per panel, jittered: still well under 12 each.
		for (const panel of panels) expect(app.requests.slice(mark).filter(r => r.panel === panel).length).toBeLessThanOrEqual(6);
		app.unmount();
	});
});
