import {useRef} from 'react';
import {useKeys, usePublishedBindings} from './key-router.js';
import {keyNameOf, type KeyName} from './keys.js';

/**
 * One row of a screen's binding table. The same array drives the key handler, the footer hints and
 * the `?` help overlay (lazygit's Binding, k9s's KeyActions), so help can never drift from behaviour.
 */
export type Binding = {
	keys: readonly KeyName[];
	description: string;
	/** Shown in the footer (the most used few); every binding is shown in `?` help. */
	footer?: boolean;
	/** Changes something in AWS: shown marked, and disabled with a reason in read-only mode. */
	dangerous?: boolean;
	/** When set, the key does nothing but say why (e.g. "read-only: start with --write"). */
	disabledReason?: string;
	handler: () => void;
};

export type BindingGroup = {title: string; bindings: readonly Binding[]};

/** The binding a key name selects, if any: the first row listing it wins. */
export function findBinding(bindings: readonly Binding[], name: KeyName): Binding | undefined {
	return bindings.find(b => b.keys.includes(name));
}

/**
 * Wires a binding table to the app's key router (input/key-router.tsx), in the layer it is drawn
 * in. A key of the table is consumed (a disabled one too: `onDisabled` hears about it, so the shell
 * can show the reason); other keys are left to any text field of the layer, then the layer below.
 */
export function useBindings(
	bindings: readonly Binding[],
	options: {isActive: boolean; onDisabled?: (binding: Binding) => void},
): void {
	// The table is rebuilt on every render; keep the latest without re-subscribing to stdin.
	const latest = useRef({bindings, options});
	latest.current = {bindings, options};
	usePublishedBindings(bindings, options.isActive);
	useKeys(
		(input, key) => {
			const name = keyNameOf(input, key);
			if (name === undefined) return false;
			const binding = findBinding(latest.current.bindings, name);
			if (!binding) return false;
			if (binding.disabledReason !== undefined) {
				latest.current.options.onDisabled?.(binding);
				return true;
			}
			binding.handler();
			return true;
		},
		{isActive: options.isActive},
	);
}
