import {useInput, type Key} from 'ink';
import {createContext, useContext, useLayoutEffect, useMemo, useRef, type ReactNode} from 'react';

// Every key reaches the app through one Ink input hook, here, and is handed to the handlers that
// are active at that moment. Handlers join and leave in layout effects, which run as React commits:
// Ink's own useInput subscribes in a passive effect that runs later, so a key typed right after `:`
// (or pasted, or typed ahead over SSH) reached the screen under the command line instead of the
// command line itself. With this router the handler of a just-opened overlay is live as soon as
// the overlay is on screen.

export type KeyHandler = (input: string, key: Key) => void;

type Router = {add(handler: KeyHandler): () => void};

const RouterContext = createContext<Router | undefined>(undefined);

export function KeyRouter({children}: {children: ReactNode}) {
	const handlers = useRef<KeyHandler[]>([]);
	const router = useMemo<Router>(
		() => ({
			add(handler) {
				handlers.current = [...handlers.current, handler];
				return () => {
					handlers.current = handlers.current.filter(h => h !== handler);
				};
			},
		}),
		[],
	);
	useInput((input, key) => {
		// A snapshot: what a key opens or closes takes effect from the next key on.
		for (const handler of handlers.current) handler(input, key);
	});
	return <RouterContext.Provider value={router}>{children}</RouterContext.Provider>;
}

/** Like Ink's useInput, but live from the commit that mounts or activates it. */
export function useKeys(handler: KeyHandler, options: {isActive?: boolean} = {}): void {
	const router = useContext(RouterContext);
	if (!router) throw new Error('useKeys outside <KeyRouter>');
	const latest = useRef(handler);
	latest.current = handler;
	const isActive = options.isActive ?? true;
	useLayoutEffect(() => {
		if (!isActive) return;
		return router.add((input, key) => latest.current(input, key));
	}, [router, isActive]);
}
