import type {Role as SdkRole} from '@aws-sdk/client-iam';
import {CloudError} from '../port/errors.js';
import {trustedServicesOf, type AttachedPolicy, type Role, type RoleOperator, type RoleReader} from '../port/roles.js';
import type {AwsClients} from './clients.js';
import {collectPages, epochMs, requireText} from './paging.js';

// IAM roles: GetRole (the trust policy comes with it) and ListAttachedRolePolicies; the writes of
// the execution-role fix. IAM is global: the client's region only picks the endpoint's partition.

function isNoSuchEntity(error: unknown): boolean {
	return typeof error === 'object' && error !== null && (error as {name?: unknown}).name === 'NoSuchEntityException';
}

export function toRole(role: SdkRole, attachedPolicies: AttachedPolicy[]): Role {
	// IAM returns the document URL-encoded (RFC 3986); moto returns it as sent.
	let trustPolicy = role.AssumeRolePolicyDocument ?? '';
	try {
		trustPolicy = decodeURIComponent(trustPolicy);
	} catch {
		// Not encoded after all: keep it as it came.
	}
	return {
		name: role.RoleName ?? '',
		arn: role.Arn ?? '',
		trustedServices: trustedServicesOf(trustPolicy),
		trustPolicy,
		attachedPolicies,
		createdAt: epochMs(role.CreateDate),
	};
}

export function createRoleReader(clients: AwsClients): RoleReader {
	return {
		getRole: (name, {signal} = {}) =>
			clients.call({action: 'iam:GetRole', resource: `role ${name}`, signal}, async () => {
				requireText(name, 'role name');
				const {client, sdk} = await clients.get('iam');
				let role: SdkRole | undefined;
				try {
					// aws iam get-role --role-name NAME
					role = (await client.send(new sdk.GetRoleCommand({RoleName: name}), {abortSignal: signal})).Role;
				} catch (error) {
					if (isNoSuchEntity(error)) return undefined;
					throw error;
				}
				if (!role) return undefined;
				const policies = await collectPages('attached role policies', signal, async marker => {
					// aws iam list-attached-role-policies --role-name NAME
					const page = await client.send(new sdk.ListAttachedRolePoliciesCommand({RoleName: name, Marker: marker}), {abortSignal: signal});
					return {items: page.AttachedPolicies ?? [], next: page.IsTruncated ? page.Marker : undefined};
				});
				return toRole(role, policies.map(policy => ({name: policy.PolicyName ?? '', arn: policy.PolicyArn ?? ''})));
			}),
	};
}

export function createRoleOperator(clients: AwsClients): RoleOperator {
	return {
		createRole: input =>
			clients.call({action: 'iam:CreateRole', resource: `role ${input.name}`}, async () => {
				requireText(input.name, 'role name');
				requireText(input.trustPolicy, 'trust policy');
				const {client, sdk} = await clients.get('iam');
				// aws iam create-role --role-name NAME --assume-role-policy-document JSON [--description TEXT]
				const answer = await client.send(new sdk.CreateRoleCommand({RoleName: input.name, AssumeRolePolicyDocument: input.trustPolicy, Description: input.description}));
				if (!answer.Role) throw new CloudError('unknown', `CreateRole for ${input.name} answered without the role`);
				return {value: toRole(answer.Role, []), requestId: answer.$metadata.requestId};
			}),
		attachRolePolicy: (role, policyArn) =>
			clients.call({action: 'iam:AttachRolePolicy', resource: `role ${role}`}, async () => {
				requireText(role, 'role name');
				requireText(policyArn, 'policy ARN');
				const {client, sdk} = await clients.get('iam');
				// aws iam attach-role-policy --role-name NAME --policy-arn ARN
				const answer = await client.send(new sdk.AttachRolePolicyCommand({RoleName: role, PolicyArn: policyArn}));
				return {value: undefined, requestId: answer.$metadata.requestId};
			}),
		detachRolePolicy: (role, policyArn) =>
			clients.call({action: 'iam:DetachRolePolicy', resource: `role ${role}`}, async () => {
				requireText(role, 'role name');
				requireText(policyArn, 'policy ARN');
				const {client, sdk} = await clients.get('iam');
				// aws iam detach-role-policy --role-name NAME --policy-arn ARN
				const answer = await client.send(new sdk.DetachRolePolicyCommand({RoleName: role, PolicyArn: policyArn}));
				return {value: undefined, requestId: answer.$metadata.requestId};
			}),
		deleteRole: role =>
			clients.call({action: 'iam:DeleteRole', resource: `role ${role}`}, async () => {
				requireText(role, 'role name');
				const {client, sdk} = await clients.get('iam');
				// aws iam delete-role --role-name NAME
				const answer = await client.send(new sdk.DeleteRoleCommand({RoleName: role}));
				return {value: undefined, requestId: answer.$metadata.requestId};
			}),
	};
}
