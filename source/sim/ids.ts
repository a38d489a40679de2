// Identifiers shaped like AWS's: ARNs in the example account, 32-hex task ids, ecs-svc deployment
// ids, request ids. All come from the world's seeded stream or a hash, never Math.random.

import {ACCOUNT_ID, ARN_REGION} from './catalog.js';
import {hash32, type Rng} from './random.js';

const ecsArn = (resource: string) => `arn:aws:ecs:${ARN_REGION}:${ACCOUNT_ID}:${resource}`;

export const clusterArn = (cluster: string) => ecsArn(`cluster/${cluster}`);
export const serviceArn = (cluster: string, service: string) => ecsArn(`service/${cluster}/${service}`);
export const taskArn = (cluster: string, id: string) => ecsArn(`task/${cluster}/${id}`);
export const taskDefinitionArn = (family: string, revision: number) => ecsArn(`task-definition/${family}:${revision}`);
export const logGroupArn = (name: string) => `arn:aws:logs:${ARN_REGION}:${ACCOUNT_ID}:log-group:${name}:*`;
export const alarmArn = (name: string) => `arn:aws:cloudwatch:${ARN_REGION}:${ACCOUNT_ID}:alarm:${name}`;
export const databaseArn = (id: string) => `arn:aws:rds:${ARN_REGION}:${ACCOUNT_ID}:db:${id}`;
export const executionRoleArn = (env: string) => `arn:aws:iam::${ACCOUNT_ID}:role/acso-${env}-execution-role`;
export const taskRoleArn = (env: string) => `arn:aws:iam::${ACCOUNT_ID}:role/acso-${env}-task-role`;

export function newTaskId(rng: Rng): string {
	return rng.hex(32);
}

export function newDeploymentId(rng: Rng): string {
	let digits = String(rng.int(1, 9));
	while (digits.length < 19) digits += String(rng.int(0, 9));
	return `ecs-svc/${digits}`;
}

/** A request id like AWS's (8-4-4-4-12 hex), a pure function of the seed and a counter. */
export function requestId(seed: number, counter: number): string {
	let hex = '';
	for (let i = 0; hex.length < 32; i++) hex += hash32('request', seed, counter, i).toString(16).padStart(8, '0');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A CloudWatch Logs event id: a long digit string, unique per stored event and stable. */
export function logEventId(ts: number, seq: number): string {
	return `${String(ts).padStart(16, '0')}${String(seq).padStart(14, '0')}`;
}

/** "family:revision" from a family name, "family:revision" or a task definition ARN. */
export function parseTaskDefinitionRef(ref: string): {family: string; revision?: number} | undefined {
	const text = ref.startsWith('arn:') ? ref.slice(ref.indexOf('task-definition/') + 'task-definition/'.length) : ref;
	if (ref.startsWith('arn:') && !ref.includes('task-definition/')) return undefined;
	const match = /^([A-Za-z0-9_-]{1,255})(?::(\d+))?$/.exec(text);
	if (!match) return undefined;
	return match[2] === undefined ? {family: match[1]!} : {family: match[1]!, revision: Number(match[2])};
}

/** The last path part of an ARN, or the text itself: ECS accepts names and ARNs alike. */
export function nameFromArn(nameOrArn: string): string {
	if (!nameOrArn.startsWith('arn:')) return nameOrArn;
	const slash = nameOrArn.lastIndexOf('/');
	return slash >= 0 ? nameOrArn.slice(slash + 1) : nameOrArn;
}
