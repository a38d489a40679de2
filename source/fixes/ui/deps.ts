// What the fix panels need from the app, handed down as one object (the panels live in the shell's
// overlay, not in a screen, so they do not reach for the screen context).
import type {AuditLog} from '../audit.js';
import type {WatchRegistry} from '../watches.js';
import type {AppConfig} from '../../config/app-config.js';
import type {Cloud} from '../../port/types.js';
import type {Binding} from '../../input/bindings.js';
import type {Notice} from '../../shell/shell-state.js';
import type {ConfirmRules} from './confirm-rules.js';
import type {Waker} from './waker.js';

export type FixDeps = {
	cloud: Cloud;
	config: AppConfig;
	rules: ConfirmRules;
	now: () => number;
	audit: AuditLog;
	watches: WatchRegistry;
	waker: Waker;
	/** How long a deployment watch waits for the rollout before giving up. */
	watchTimeoutMs: number;
	notify(text: string, tone?: Notice['tone']): void;
	/** A change was sent: the screens refresh at once instead of at their next poll. */
	onChanged(): void;
	copyToClipboard(text: string): boolean;
	/** Leaves the app (ctrl-c works in every panel, as it does on the screens). */
	quit(): void;
	/** Closes the panels and opens the rollback cockpit of the service (`D` on a watch). */
	openCockpit?(service: string): void;
};

/** ctrl-c in a panel; `busy` says why not now (a change is on its way and its outcome must be audited). */
export function quitBinding(deps: Pick<FixDeps, 'quit'>, busy?: string): Binding {
	return {keys: ['ctrl-c'], description: 'quit', ...(busy === undefined ? {} : {disabledReason: busy}), handler: deps.quit};
}

/** ECS waits up to about 10 minutes for tasks to pass health checks before a rollout is judged; a little more. */
export const defaultWatchTimeoutMs = 15 * 60_000;
