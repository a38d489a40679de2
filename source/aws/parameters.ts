import type {ParameterHistory, Parameter as SdkParameter, ParameterMetadata} from '@aws-sdk/client-ssm';
import {CloudError} from '../port/errors.js';
import type {OperationResult, Parameter, ParameterReader, ParameterType, ParameterVersion} from '../port/types.js';
import type {AwsClients} from './clients.js';
import {collectPages, epochMs, requireText} from './paging.js';

// SSM Parameter Store. No call ever passes WithDecryption: a SecureString comes back as ciphertext
// (or not at all), and its value is dropped here, so no secret reaches the port, the screen, the
// clipboard or the audit log. The SDK client is imported on the first call (clients.ts).

export function toParameterType(type: string | undefined): ParameterType {
	return type === 'SecureString' || type === 'StringList' ? type : 'String';
}

/** The value, unless the parameter is a SecureString (whatever the backend sent for it is dropped). */
function plainValue(type: ParameterType, value: string | undefined): string | undefined {
	return type === 'SecureString' ? undefined : value;
}

export function toParameter(parameter: SdkParameter, metadata?: ParameterMetadata): Parameter {
	const type = toParameterType(parameter.Type ?? metadata?.Type);
	const value = plainValue(type, parameter.Value);
	const lastModifiedAt = epochMs(parameter.LastModifiedDate ?? metadata?.LastModifiedDate);
	const by = metadata?.LastModifiedUser;
	return {
		name: parameter.Name ?? '',
		type,
		...(value === undefined ? {} : {value}),
		version: parameter.Version ?? metadata?.Version ?? 0,
		...(lastModifiedAt === undefined ? {} : {lastModifiedAt}),
		// moto answers "N/A": no principal is known.
		...(by === undefined || by === '' || by === 'N/A' ? {} : {lastModifiedBy: by}),
		...(parameter.ARN === undefined ? {} : {arn: parameter.ARN}),
	};
}

export function toParameterVersion(item: ParameterHistory): ParameterVersion {
	const type = toParameterType(item.Type);
	const value = plainValue(type, item.Value);
	const modifiedAt = epochMs(item.LastModifiedDate);
	const by = item.LastModifiedUser;
	return {
		name: item.Name ?? '',
		type,
		...(value === undefined ? {} : {value}),
		version: item.Version ?? 0,
		...(modifiedAt === undefined ? {} : {modifiedAt}),
		...(by === undefined || by === '' || by === 'N/A' ? {} : {modifiedBy: by}),
		labels: item.Labels ?? [],
	};
}

export function createParameterReader(clients: AwsClients): ParameterReader {
	return {
		getParametersByPath: (path, recursive, {signal} = {}) =>
			clients.call({action: 'ssm:GetParametersByPath', resource: `parameters under ${path}`, signal}, async () => {
				requireText(path, 'parameter path');
				const {client, sdk} = await clients.get('ssm');
				const parameters = await collectPages(`parameters under ${path}`, signal, async token => {
					// aws ssm get-parameters-by-path --path PATH [--recursive]   (never --with-decryption)
					const page = await client.send(new sdk.GetParametersByPathCommand({Path: path, Recursive: recursive, MaxResults: 10, NextToken: token}), {abortSignal: signal});
					return {items: page.Parameters ?? [], next: page.NextToken};
				});
				if (parameters.length === 0) return [];
				// Who changed each one is only in DescribeParameters (LastModifiedUser).
				const metadata = await collectPages(`parameter metadata under ${path}`, signal, async token => {
					// aws ssm describe-parameters --parameter-filters Key=Path,Option=Recursive|OneLevel,Values=PATH
					const page = await client.send(
						new sdk.DescribeParametersCommand({ParameterFilters: [{Key: 'Path', Option: recursive ? 'Recursive' : 'OneLevel', Values: [path]}], MaxResults: 50, NextToken: token}),
						{abortSignal: signal},
					);
					return {items: page.Parameters ?? [], next: page.NextToken};
				});
				const byName = new Map(metadata.map(item => [item.Name ?? '', item]));
				return parameters.map(parameter => toParameter(parameter, byName.get(parameter.Name ?? '')));
			}),
		getParameterHistory: (name, {signal} = {}) =>
			clients.call({action: 'ssm:GetParameterHistory', resource: `parameter ${name}`, signal}, async () => {
				requireText(name, 'parameter name');
				const {client, sdk} = await clients.get('ssm');
				const versions = await collectPages(`history of ${name}`, signal, async token => {
					// aws ssm get-parameter-history --name NAME   (never --with-decryption)
					const page = await client.send(new sdk.GetParameterHistoryCommand({Name: name, MaxResults: 50, NextToken: token}), {abortSignal: signal});
					return {items: page.Parameters ?? [], next: page.NextToken};
				});
				return versions.map(toParameterVersion).sort((a, b) => a.version - b.version);
			}),
	};
}

/** PutParameter --overwrite; the Operator's putParameter (operator.ts) is this. */
export function putParameter(clients: AwsClients, name: string, value: string, type: Exclude<ParameterType, 'SecureString'>): Promise<OperationResult<{version: number}>> {
	return clients.call({action: 'ssm:PutParameter', resource: `parameter ${name}`}, async () => {
		requireText(name, 'parameter name');
		if ((type as ParameterType) === 'SecureString') throw new CloudError('invalid', `${name}: acso-tui never writes a SecureString (it would have to handle the secret)`);
		if (typeof value !== 'string' || value === '') throw new CloudError('invalid', `${name}: a parameter value must not be empty`);
		const {client, sdk} = await clients.get('ssm');
		// aws ssm put-parameter --name NAME --value VALUE --type TYPE --overwrite
		const answer = await client.send(new sdk.PutParameterCommand({Name: name, Value: value, Type: type, Overwrite: true}));
		return {value: {version: answer.Version ?? 0}, requestId: answer.$metadata.requestId};
	});
}
