import {useRef} from 'react';
import {useKeys, usePublishedBindings} from './key-router.js';
import type {Binding, BindingGroup} from './binding.js';
import {keyNameOf, type KeyName} from './keys.js';

export type {Binding, BindingGroup};

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
