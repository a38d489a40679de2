import type {KeyName} from './keys.js';

/**
 * One row of a screen's binding table. The same array drives the key handler, the footer hints and
 * the `?` help overlay (lazygit's Binding, k9s's KeyActions), so help can never drift from behaviour.
 */
export type Binding = {
	keys: readonly KeyName[];
	description: string;
	/** Shown in the footer (the most used few); every binding is shown in `?` help. */
	footer?: boolean;
	/** Shown first in the footer, before the screen's own (a drill's keys). */
	pinned?: boolean;
	/** Changes something in AWS: shown marked, and disabled with a reason in read-only mode. */
	dangerous?: boolean;
	/** When set, the key does nothing but say why (e.g. "read-only: start with --write"). */
	disabledReason?: string;
	handler: () => void;
};

export type BindingGroup = {title: string; bindings: readonly Binding[]};
