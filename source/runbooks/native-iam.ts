// IAM diagnoses: does the role the guide names exist, who may assume it, which policies it carries,
// and which task definitions the environment's services deploy name it (or name a role that is gone).
// The account says which roles matter: the task definitions' executionRoleArn and taskRoleArn.
import {maxTaskDefinitions, readRoleUses, type RoleUse} from '../model/role-uses.js';
import {ECS_TASKS_PRINCIPAL, EXECUTION_POLICY_ARN, type Role} from '../port/roles.js';
import type {NativeCall} from './native-call.js';
import {type Finding, listOf, ok, problem, type ReadContext, type ReadOutcome, table} from './native-result.js';

type Call<Op extends NativeCall['op']> = Extract<NativeCall, {op: Op}>;

const usedAs = (uses: readonly RoleUse[], as: RoleUse['as']) => [...new Set(uses.filter(use => use.as === as).map(use => use.taskDefinition))];

function roleLines(name: string, role: Role | undefined, uses: readonly RoleUse[]): string[][] {
	const named = uses.length === 0 ? 'no task definition the services deploy' : listOf(uses.map(use => `${use.taskDefinition} (${use.as})`), 4);
	if (!role) return [[name, 'DOES NOT EXIST', named]];
	return [
		[name, role.arn, named],
		['', `trust: ${role.trustedServices.length === 0 ? 'no service may assume it' : `${role.trustedServices.join(', ')} may assume it`}`, ''],
		['', `attached policies: ${role.attachedPolicies.length === 0 ? '(none)' : role.attachedPolicies.map(policy => policy.name).join(', ')}`, ''],
	];
}

export async function getRole(call: Call<'iam.get-role'>, context: ReadContext): Promise<ReadOutcome> {
	const signal = context.signal;
	// aws iam get-role --role-name NAME (+ aws iam list-attached-role-policies --role-name NAME)
	const role = await context.cloud.roles.getRole(call.role, {signal});
	let calls = 1;
	const notes: string[] = [];
	let uses = new Map<string, RoleUse[]>();
	try {
		const found = await readRoleUses(context.cloud.services, context.names.cluster, {signal});
		uses = found.uses;
		calls += found.calls;
		if (found.skipped > 0) notes.push(`${found.skipped} more task definitions the services deploy were not read (the check reads ${maxTaskDefinitions}).`);
	} catch (error) {
		notes.push(`The task definitions of ${context.names.cluster} could not be read (${error instanceof Error ? error.message : String(error)}): the check looks at the role alone.`);
	}
	const mine = uses.get(call.role) ?? [];
	// Every other role the deployed task definitions name: one that is gone stops their tasks as surely.
	const others: Array<{name: string; role: Role | undefined}> = [];
	for (const name of uses.keys()) {
		if (name === call.role) continue;
		// aws iam get-role --role-name NAME
		others.push({name, role: await context.cloud.roles.getRole(name, {signal})});
		calls += 1;
	}
	const rows = [['ROLE', 'ARN / TRUST / POLICIES', 'NAMED BY'], ...roleLines(call.role, role, mine), ...others.flatMap(other => roleLines(other.name, other.role, uses.get(other.name) ?? []))];

	const asExecution = usedAs(mine, 'execution role');
	const missingOthers = others.filter(other => !other.role);
	let finding: Finding;
	if (!role) {
		const by = mine.length > 0 ? `: ${listOf(mine.map(use => `${use.taskDefinition} (${use.as})`))} name it, so ECS cannot start their new tasks and a revision naming it is refused` : '';
		finding = problem(`Role ${call.role} does not exist${by}. Create it (Resolution: create the missing execution role).`, 'role-missing', ['access']);
	} else if (asExecution.length > 0 && !role.trustedServices.includes(ECS_TASKS_PRINCIPAL)) {
		finding = problem(`${call.role} is the execution role of ${listOf(asExecution)}, but its trust policy does not let ${ECS_TASKS_PRINCIPAL} assume it (${role.trustedServices.join(', ') || 'no service'}).`, 'role-trust', ['access']);
	} else if (asExecution.length > 0 && role.attachedPolicies.length === 0) {
		finding = problem(`${call.role} is the execution role of ${listOf(asExecution)}, but no policy is attached (AmazonECSTaskExecutionRolePolicy lets ECS pull images and write logs).`, 'role-policy', ['access']);
	} else if (missingOthers.length > 0) {
		finding = problem(
			`${listOf(missingOthers.map(other => `${other.name}, named by ${listOf(usedAs(uses.get(other.name) ?? [], 'execution role').concat(usedAs(uses.get(other.name) ?? [], 'task role')))}`))}: no such role; ECS cannot start those tasks.`,
			'role-missing',
			['access'],
		);
	} else {
		const what = mine.length > 0 ? ` and is named by ${listOf([...new Set(mine.map(use => use.taskDefinition))])}` : '';
		finding = ok(`${call.role} exists${what}; ${role.trustedServices.includes(ECS_TASKS_PRINCIPAL) ? `${ECS_TASKS_PRINCIPAL} may assume it` : `trusted by ${role.trustedServices.join(', ') || 'no service'}`}.`);
		if (asExecution.length > 0 && !role.attachedPolicies.some(policy => policy.arn === EXECUTION_POLICY_ARN)) {
			notes.push(`${call.role} carries ${role.attachedPolicies.map(policy => policy.name).join(', ')} instead of AmazonECSTaskExecutionRolePolicy: check they allow ecr:GetAuthorizationToken, ecr:BatchGetImage and logs:PutLogEvents.`);
		}
	}
	notes.push('Inline policies (aws iam list-role-policies) are not read: only attached ones.');
	return {finding, lines: table(rows), notes, calls};
}
