// IAM roles as the port sees them: what a task definition's executionRoleArn / taskRoleArn names,
// who may assume it (the services of its trust policy) and the managed policies attached to it.
// types.ts imports this file for the Cloud, so the two shapes it needs from there are repeated here
// (structurally the same as ReadOptions and OperationResult) rather than imported in a cycle.

type ReadOptions = {signal?: AbortSignal};
type OperationResult<T> = {value: T; requestId?: string};

/** The trust policy ECS tasks need: ecs-tasks.amazonaws.com may assume the role. */
export const ECS_TASKS_PRINCIPAL = 'ecs-tasks.amazonaws.com';

/** The AWS managed policy an ECS task execution role carries (pull images, write logs). */
export const EXECUTION_POLICY_ARN = 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy';

export type AttachedPolicy = {name: string; arn: string};

export type Role = {
	name: string;
	arn: string;
	/** The service principals the trust policy lets assume the role (Allow + sts:AssumeRole). */
	trustedServices: string[];
	/** The trust policy document as the backend returned it (JSON). */
	trustPolicy: string;
	attachedPolicies: AttachedPolicy[];
	createdAt?: number;
};

export type RoleInput = {
	name: string;
	/** The trust policy document, JSON. */
	trustPolicy: string;
	description?: string;
};

export type RoleReader = {
	/** The role with its trust and attached policies; undefined when no role has that name (not an error: the runbooks need the answer). */
	getRole(name: string, options?: ReadOptions): Promise<Role | undefined>;
};

export type RoleOperator = {
	createRole(input: RoleInput): Promise<OperationResult<Role>>;
	attachRolePolicy(role: string, policyArn: string): Promise<OperationResult<void>>;
	detachRolePolicy(role: string, policyArn: string): Promise<OperationResult<void>>;
	/** Deletes a role that has no attached policies left (IAM refuses otherwise). */
	deleteRole(role: string): Promise<OperationResult<void>>;
};

/** The trust policy document that lets ECS tasks assume a role. */
export function ecsTasksTrustPolicy(): string {
	return JSON.stringify({
		Version: '2012-10-17',
		Statement: [{Effect: 'Allow', Principal: {Service: ECS_TASKS_PRINCIPAL}, Action: 'sts:AssumeRole'}],
	});
}

/** The role name of a role ARN (arn:aws:iam::123:role/path/name -> name), or the text itself when it is a name. */
export function roleNameOf(arnOrName: string): string {
	return arnOrName.slice(arnOrName.lastIndexOf('/') + 1);
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

/** The service principals an Allow sts:AssumeRole statement of the document names. Unparseable: none. */
export function trustedServicesOf(document: string): string[] {
	let parsed: unknown;
	try {
		// IAM returns the document URL-encoded; a plain one is accepted too.
		parsed = JSON.parse(/^\s*%7B/i.test(document) ? decodeURIComponent(document) : document);
	} catch {
		return [];
	}
	const services = new Set<string>();
	for (const statement of asList((parsed as {Statement?: unknown})?.Statement)) {
		if (typeof statement !== 'object' || statement === null) continue;
		const {Effect, Action, Principal} = statement as {Effect?: unknown; Action?: unknown; Principal?: unknown};
		if (Effect !== 'Allow' || !asList(Action).some(action => action === 'sts:AssumeRole' || action === 'sts:*' || action === '*')) continue;
		const service = typeof Principal === 'object' && Principal !== null ? (Principal as {Service?: unknown}).Service : undefined;
		for (const name of asList(service)) if (typeof name === 'string') services.add(name);
	}
	return [...services];
}
