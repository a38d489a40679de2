// `D`: the rollback cockpit of the selected service, from the service lists and the service detail.
import type {Binding} from '../../input/bindings.js';
import type {AppContextValue} from '../../shell/app-context.js';

/** `footer`: the lists keep their footer for their own keys (`?` help lists D there). */
export function deployBinding(service: string | undefined, open: AppContextValue['open'], footer = false): Binding {
	return {
		keys: ['D'],
		description: 'rollback cockpit of this service',
		footer,
		...(service ? {} : {disabledReason: 'no service selected'}),
		handler: () => {
			if (service) open('deploy', {service});
		},
	};
}
