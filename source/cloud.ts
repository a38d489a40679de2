import {randomUUID} from 'node:crypto';
import type {AppConfig} from './config/app-config.js';
import type {Cloud} from './port/types.js';

export type CloudResult = {ok: true; cloud: Cloud; sessionId: string} | {ok: false; error: string};

/**
 * The port the app runs on: the simulated account for --demo, else the AWS SDK adapters. The AWS
 * code (and so the SDK) is imported only when it is needed.
 */
export async function createCloud(config: AppConfig, env: NodeJS.ProcessEnv, session?: string, options: {buildSimAfter?: Promise<unknown>} = {}): Promise<CloudResult> {
	// A switch of region or profile keeps the run's session id (audit lines, the SDK user agent).
	const sessionId = session ?? randomUUID().slice(0, 8);
	const isWriteEnabled = () => config.write;
	if (config.mode === 'demo') {
		const {createSimCloud} = await import('./sim/index.js');
		return {ok: true, cloud: createSimCloud({seed: config.seed, isWriteEnabled, buildAfter: options.buildSimAfter}), sessionId};
	}
	const {createAwsCloud, resolveRegion} = await import('./aws/index.js');
	const region = await resolveRegion({region: config.region, profile: config.profile}, env);
	if (!region) {
		return {
			ok: false,
			error: 'no AWS region: pass --region, set AWS_REGION (or AWS_DEFAULT_REGION), or set one in the profile; or try the simulated account with --demo',
		};
	}
	return {
		ok: true,
		cloud: createAwsCloud({region, profile: config.profile, endpointUrl: config.endpointUrl, isWriteEnabled, sessionId}),
		sessionId,
	};
}
