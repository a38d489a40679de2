// The `a` key screens add to their binding table: the fix menu on the selected resource.
import type {Target} from '../types.js';
import type {Binding} from '../../input/bindings.js';
import {useApp} from '../../shell/app-context.js';

/**
 * `a` (fixes…) on `target`, disabled with a reason while nothing is selected; [] while `enabled`
 * is false (a text field has the keys). Not `dangerous`: the menu previews; only its confirm changes AWS.
 */
export function useFixKeys(target: Target | undefined, what: string, enabled = true): Binding[] {
	const {openFixMenu} = useApp();
	if (!enabled) return [];
	return [
		{
			keys: ['a'],
			// Short: the footer is shared with the screen's own keys. `?` help lists it too.
			description: 'fixes…',
			footer: true,
			...(target ? {} : {disabledReason: `no ${what} selected`}),
			handler: () => {
				if (target) openFixMenu(target);
			},
		},
	];
}

// Targets from what a screen has selected; undefined (the key says "nothing selected") when there is none.
export const serviceTarget = (cluster: string, service: string | undefined): Target | undefined =>
	service ? {kind: 'service', cluster, service} : undefined;
export const logGroupTarget = (logGroup: string | undefined): Target | undefined => (logGroup ? {kind: 'logGroup', logGroup} : undefined);
export const alarmTarget = (alarm: string | undefined): Target | undefined => (alarm ? {kind: 'alarm', alarm} : undefined);
export const databaseTarget = (db: string | undefined): Target | undefined => (db ? {kind: 'db', db} : undefined);
