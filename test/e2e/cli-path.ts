import {existsSync} from 'node:fs';
import path from 'node:path';

/** The built CLI, as `npm start` runs it. `npm test` builds it before the suites run. */
export const cliPath = path.resolve('dist/cli.js');

export function assertBuilt(): void {
	if (!existsSync(cliPath)) throw new Error('dist/cli.js is missing: run `npm run build` (npm test does)');
}

/** An environment with no AWS profile or credentials of the developer's, and no stray CI flags. */
export function isolatedEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
	return {
		HOME: '/nonexistent',
		XDG_CONFIG_HOME: '/nonexistent',
		XDG_STATE_HOME: '/tmp/acso-tui-e2e-state',
		AWS_PROFILE: undefined,
		AWS_DEFAULT_PROFILE: undefined,
		AWS_CONFIG_FILE: '/nonexistent/aws-config',
		AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
		AWS_REGION: undefined,
		AWS_DEFAULT_REGION: undefined,
		AWS_ENDPOINT_URL: undefined,
		AWS_ACCESS_KEY_ID: undefined,
		AWS_SECRET_ACCESS_KEY: undefined,
		AWS_SESSION_TOKEN: undefined,
		NO_COLOR: undefined,
		...extra,
	};
}
