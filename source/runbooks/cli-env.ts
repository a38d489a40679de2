// The environment the aws CLI child gets: fixed and minimal, never the app's environment spread
// over with whatever a guide asked for. PATH is fixed (the CLI's own directory first, for a CLI
// installed in a virtualenv), HOME lets it find ~/.aws, and of the app's own variables only those
// the credential chain and a proxy need are passed on. The account, region and endpoint are the
// app's (shown in the confirmation); AWS_EXECUTION_ENV puts the session id in the CLI's user agent
// (`exec-env/acso-tui-<session>`), so CloudTrail shows which acso-tui run made a call.
import {dirname} from 'node:path';

/** The account context acso-tui itself runs with, handed to the CLI. */
export type CliContext = {region: string; profile?: string; endpointUrl?: string; sessionId: string};

// What the credential chain reads besides the profile (static keys, SSO and web identity files,
// container credentials), and the proxy settings of a bastion. Everything else is dropped.
const passedOn = [
	'AWS_PROFILE',
	'AWS_ACCESS_KEY_ID',
	'AWS_SECRET_ACCESS_KEY',
	'AWS_SESSION_TOKEN',
	'AWS_CONFIG_FILE',
	'AWS_SHARED_CREDENTIALS_FILE',
	'AWS_WEB_IDENTITY_TOKEN_FILE',
	'AWS_ROLE_ARN',
	'AWS_ROLE_SESSION_NAME',
	'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
	'AWS_CONTAINER_CREDENTIALS_FULL_URI',
	'AWS_CONTAINER_AUTHORIZATION_TOKEN',
	'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
	'AWS_EC2_METADATA_DISABLED',
	'AWS_CA_BUNDLE',
	'HTTPS_PROXY',
	'HTTP_PROXY',
	'NO_PROXY',
	'https_proxy',
	'http_proxy',
	'no_proxy',
	'LANG',
	'LC_ALL',
];

export const fixedPath = ['/usr/local/bin', '/usr/bin', '/bin'];

/** `acso-tui-<session>`: one word, as the CLI expects of AWS_EXECUTION_ENV. */
export function executionEnv(sessionId: string): string {
	return `acso-tui-${sessionId.replace(/[^A-Za-z0-9._-]/g, '')}`;
}

export function cliEnvironment(context: CliContext, executable: string, base: Readonly<Record<string, string | undefined>> = process.env): Record<string, string> {
	const env: Record<string, string> = {};
	for (const name of passedOn) {
		const value = base[name];
		if (value !== undefined && value !== '') env[name] = value;
	}
	const path = [dirname(executable), ...fixedPath.filter(dir => dir !== dirname(executable))];
	const home = base['HOME'];
	return {
		...env,
		PATH: path.join(':'),
		...(home === undefined || home === '' ? {} : {HOME: home}),
		AWS_PAGER: '',
		AWS_CLI_AUTO_PROMPT: 'off',
		AWS_REGION: context.region,
		AWS_DEFAULT_REGION: context.region,
		...(context.profile === undefined ? {} : {AWS_PROFILE: context.profile}),
		...(context.endpointUrl === undefined ? {} : {AWS_ENDPOINT_URL: context.endpointUrl}),
		AWS_EXECUTION_ENV: executionEnv(context.sessionId),
	};
}

/** What the confirmation shows of the context the command runs in. */
export function contextLine(context: CliContext): string {
	return [`region ${context.region}`, context.profile === undefined ? 'default credentials' : `profile ${context.profile}`, ...(context.endpointUrl === undefined ? [] : [`endpoint ${context.endpointUrl}`]), `session ${context.sessionId}`].join(' · ');
}
