// The `r` key (and a change that went out) asks every running poll to fetch now. It is a signal
// the polls subscribe to, not React state: a refresh whose data come back equal must render
// nothing, and a state bump in the shell would re-render every panel once just to pass it on.
export type RefreshSignal = {
	/** Every subscribed poll fetches now (or right after the fetch it has in flight). */
	request(): void;
	/** `listener` runs on each request until the returned function is called. */
	subscribe(listener: () => void): () => void;
};

export function createRefreshSignal(): RefreshSignal {
	const listeners = new Set<() => void>();
	return {
		request() {
			// A copy: a listener that stops its poll (and unsubscribes) must not skip the next one.
			for (const listener of [...listeners]) listener();
		},
		subscribe(listener) {
			// One entry per subscription, so the same function subscribed twice is called twice until each is removed.
			const entry = () => listener();
			listeners.add(entry);
			return () => listeners.delete(entry);
		},
	};
}
