import {useInput, type Key} from 'ink';
import {createContext, useContext, useLayoutEffect, useMemo, useRef, useState, type ReactNode} from 'react';
import type {Binding} from './binding.js';

// Every key reaches the app through one Ink input hook, here, and goes to the top layer of the
// shell's stack (shell/shell-state.ts: the screen, then help, the command line, a picker, the fix
// panels). Each handler says whether it consumed the key (gemini-cli's keypress handlers do the
// same); a key no handler of the top layer consumed falls through to the layer below, and a modal
// layer (<Layer modal>) consumes whatever its own handlers leave, so nothing under it hears a key.
//
// Handlers join and leave in layout effects, which run as React commits: Ink's own useInput
// subscribes in a passive effect that runs later, so a key typed right after `:` (or pasted, or
// typed ahead over SSH) reached the screen under the command line instead of the command line
// itself. With this router the handler of a just-opened layer is live as soon as it is on screen.

/** Returns true when it consumed the key; false lets it fall through to the layer below. */
export type KeyHandler = (input: string, key: Key) => boolean;

type Entry = {depth: number; handler: KeyHandler; fallback: boolean};

type Router = {
	add(entry: Entry): () => void;
	/** The binding tables of a layer, as its useBindings calls last rendered them (for `?` help). */
	tables(depth: number): Binding[][];
	publish(depth: number, id: object, bindings: readonly Binding[] | undefined): void;
};

const RouterContext = createContext<Router | undefined>(undefined);
const LayerContext = createContext(0);

/** Observes the router, for tests: which layer a key went to and how many handlers heard it. */
export type KeyTrace = (delivery: {depth: number; handlers: number; consumed: boolean}) => void;

/** Hears every key before it is routed (a drill counts them). */
export type KeyTap = (input: string) => void;

export function KeyRouter({children, trace, tap}: {children: ReactNode; trace?: KeyTrace; tap?: KeyTap}) {
	const entries = useRef<Entry[]>([]);
	const published = useRef(new Map<number, Map<object, readonly Binding[]>>());
	const router = useMemo<Router>(
		() => ({
			add(entry) {
				entries.current = [...entries.current, entry];
				return () => {
					entries.current = entries.current.filter(e => e !== entry);
				};
			},
			tables: depth => [...(published.current.get(depth)?.values() ?? [])].map(t => [...t]),
			publish(depth, id, bindings) {
				let layer = published.current.get(depth);
				if (!layer) published.current.set(depth, (layer = new Map()));
				if (bindings) layer.set(id, bindings);
				else layer.delete(id);
			},
		}),
		[],
	);
	const latestTrace = useRef(trace);
	latestTrace.current = trace;
	const latestTap = useRef(tap);
	latestTap.current = tap;
	const deliver = (input: string, key: Key) => {
		// A snapshot: what a key opens or closes takes effect from the next key on.
		const snapshot = entries.current;
		const depths = [...new Set(snapshot.map(e => e.depth))].sort((a, b) => b - a);
		for (const depth of depths) {
			const layer = snapshot.filter(e => e.depth === depth);
			// Every handler of the layer hears the key (a text field and its screen's table), then
			// the layer's fallback, if it has one, decides for what none of them took.
			let consumed = false;
			let heard = 0;
			for (const entry of layer.filter(e => !e.fallback)) {
				heard++;
				if (entry.handler(input, key)) consumed = true;
			}
			if (!consumed) {
				for (const entry of layer.filter(e => e.fallback)) {
					heard++;
					if (entry.handler(input, key)) consumed = true;
				}
			}
			latestTrace.current?.({depth, handlers: heard, consumed});
			if (consumed) return;
		}
	};

	// One key per commit. React 19 renders an update a task after the key that caused it, and on a
	// busy first load a later key can arrive first: `:` opened the command line, but the `s` typed
	// right behind it reached the overview (`:services` became `:rvices`). So the next key waits for
	// the commit of the one before, when whatever it opened has joined the router (layout effects
	// run before the effect below). The bump is batched with the handler's own updates.
	const queue = useRef<Array<[string, Key]>>([]);
	const awaitingCommit = useRef(false);
	const [delivered, setDelivered] = useState(0);
	const pump = () => {
		if (awaitingCommit.current) return;
		const next = queue.current.shift();
		if (!next) return;
		awaitingCommit.current = true;
		try {
			deliver(...next);
		} finally {
			setDelivered(n => n + 1);
		}
	};
	const latestPump = useRef(pump);
	latestPump.current = pump;
	useInput((input, key) => {
		latestTap.current?.(input);
		queue.current.push([input, key]);
		pump();
	});
	useLayoutEffect(() => {
		if (!awaitingCommit.current) return;
		awaitingCommit.current = false;
		// After this commit, outside it: a key's updates from inside a layout effect would nest.
		if (queue.current.length > 0) queueMicrotask(() => latestPump.current());
	}, [delivered]);
	return <RouterContext.Provider value={router}>{children}</RouterContext.Provider>;
}

function useRouter(): Router {
	const router = useContext(RouterContext);
	if (!router) throw new Error('useKeys outside <KeyRouter>');
	return router;
}

/** The depth of the layer a component is drawn in: 0 for the screen, more for what is over it. */
export function useLayerDepth(): number {
	return useContext(LayerContext);
}

/**
 * One layer of the stack. `modal`: keys its handlers do not consume stop here (help, the command
 * line, a picker, the fix panels). `fallback` hears those keys first and says whether it consumed
 * them; what a modal layer's fallback does not consume is consumed all the same.
 */
export function Layer({depth, modal = false, fallback, children}: {depth: number; modal?: boolean; fallback?: KeyHandler; children: ReactNode}) {
	const router = useRouter();
	const latest = useRef(fallback);
	latest.current = fallback;
	useLayoutEffect(() => {
		if (!modal && !latest.current) return;
		return router.add({depth, fallback: true, handler: (input, key) => (latest.current?.(input, key) ?? false) || modal});
	}, [router, depth, modal]);
	return <LayerContext.Provider value={depth}>{children}</LayerContext.Provider>;
}

/** Like Ink's useInput, but live from the commit that mounts or activates it, and in its layer. */
export function useKeys(handler: KeyHandler, options: {isActive?: boolean} = {}): void {
	const router = useRouter();
	const depth = useLayerDepth();
	const latest = useRef(handler);
	latest.current = handler;
	const isActive = options.isActive ?? true;
	useLayoutEffect(() => {
		if (!isActive) return;
		return router.add({depth, fallback: false, handler: (input, key) => latest.current(input, key)});
	}, [router, isActive, depth]);
}

/** Makes a binding table known to its layer, so `?` help over the layer lists it. */
export function usePublishedBindings(bindings: readonly Binding[], isActive: boolean): void {
	const router = useRouter();
	const depth = useLayerDepth();
	const [id] = useMemo(() => [{}], []);
	// Published while rendering, so help opened by this very key lists the table as it is now.
	router.publish(depth, id, isActive ? bindings : undefined);
	useLayoutEffect(() => () => router.publish(depth, id, undefined), [router, depth, id]);
}

/** The tables published in a layer. */
export function useLayerTables(depth: number): Binding[][] {
	return useRouter().tables(depth);
}
