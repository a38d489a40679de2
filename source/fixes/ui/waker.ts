// The deployment watcher's sleep, made wakeable: `r` (refresh now) polls every watch at once instead
// of waiting out its interval. The engineer watching a rollout presses it; tests on a manual clock
// press it after moving the clock, so no real time has to pass.
import type {Sleep} from '../watch.js';

export type Waker = {sleep: Sleep; wake(): void};

export function createWaker(): Waker {
	const sleepers = new Set<() => void>();
	return {
		sleep: (ms, signal) =>
			new Promise<void>(resolve => {
				if (signal.aborted) return resolve();
				const done = () => {
					clearTimeout(timer);
					sleepers.delete(done);
					signal.removeEventListener('abort', done);
					resolve();
				};
				const timer = setTimeout(done, ms);
				sleepers.add(done);
				signal.addEventListener('abort', done, {once: true});
			}),
		wake() {
			for (const done of [...sleepers]) done();
		},
	};
}
