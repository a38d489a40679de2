// The guide writes its commands for production. Every command is rewritten for the environment
// acso-tui runs against (`--env staging` must never diagnose production): first the resource names
// the port knows (cluster, log group, database, services), then every remaining `production`
// (role and stack names, the SSM path /acso/production, --environment production ...).
// Script file names (scripts/production-validation.py) are files, not environments: kept.
import type {ResourceNames} from '../port/names.js';

export type EnvSubstitution = {
	text: string;
	/** The values put in, so a step can say which of its parameters came from the environment. */
	inserted: string[];
};

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Words after which a guide name is a service (or a task family named like its service).
const serviceContext = '(--services?\\s+|--family\\s+|--task-definition\\s+|ServiceName,Value=)(["\']?)';

export function substituteEnvironment(command: string, names: ResourceNames, guideEnv = 'production'): EnvSubstitution {
	const inserted = new Set<string>();
	const put = (value: string) => {
		inserted.add(value);
		return value;
	};
	const env = escape(guideEnv);
	const logGroup = names.logGroups[0] ?? `/aws/acso/${names.env}/agents`;
	let text = command;
	text = text.replace(new RegExp(`/aws/acso/${env}/agents(?![\\w/-])`, 'g'), () => put(logGroup));
	// The guide lists every environment's log groups with the prefix /aws/acso; the environment's own are under its folder.
	text = text.replace(/(--log-group-name-prefix\s+)(["']?)\/aws\/acso(?=["']?(\s|$))/g, (_m, option: string, quote: string) => `${option}${quote}${put(logGroupFolder(logGroup))}`);
	text = text.replace(new RegExp(`acso-${env}-cluster(?![\\w-])`, 'g'), () => put(names.cluster));
	text = text.replace(new RegExp(`acso-${env}-db(?![\\w-])`, 'g'), () => put(names.db));
	text = text.replace(
		new RegExp(`${serviceContext}acso-${env}-([A-Za-z0-9][A-Za-z0-9-]*)`, 'g'),
		(_m, option: string, quote: string, service: string) => `${option}${quote}${put(`${names.servicePrefix}${service}`)}`,
	);
	// Also when the environment is the guide's own: the values are then still the environment's.
	text = text.replace(new RegExp(`(?<![A-Za-z0-9])${env}(?![A-Za-z0-9])(?![\\w-]{0,60}\\.(?:py|sh|json|ya?ml|js|ts|txt)\\b)`, 'g'), () => put(names.env));
	return {text, inserted: [...inserted]};
}

/**
 * /aws/acso/staging/agents -> /aws/acso/staging/ : the folder holding the environment's log groups,
 * with its slash, so that the prefix of env "prod" does not also list /aws/acso/production/.
 */
export function logGroupFolder(logGroup: string): string {
	const slash = logGroup.lastIndexOf('/');
	return slash > 0 ? logGroup.slice(0, slash + 1) : logGroup;
}
