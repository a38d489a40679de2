import type {AwsClients, AwsServiceName} from '../../source/aws/clients.js';
import {toCloudError} from '../../source/aws/errors.js';
import {abortError, isAborted, throwIfAborted} from '../../source/port/errors.js';

// A stand-in for the lazy SDK clients: every `new sdk.XCommand(input)` becomes {name, input}, and
// `client.send` hands it to the test's responder. It records every request, so a test can assert
// how many calls an adapter made and with what, without a network or an emulator.

export type FakeCommand = {service: AwsServiceName; name: string; input: Record<string, unknown>};
export type Responder = (command: FakeCommand, options?: {abortSignal?: AbortSignal}) => unknown;

export function fakeClients(respond: Responder): AwsClients & {sent: FakeCommand[]} {
	const sent: FakeCommand[] = [];
	const connection = (service: AwsServiceName) => {
		const sdk = new Proxy(
			{},
			{
				get: (_target, name) =>
					class {
						readonly service = service;
						readonly name = String(name).replace(/Command$/, '');
						constructor(readonly input: Record<string, unknown>) {}
					},
			},
		);
		const client = {
			send: async (command: FakeCommand, options?: {abortSignal?: AbortSignal}) => {
				sent.push({service: command.service, name: command.name, input: command.input});
				return respond(command, options);
			},
		};
		return {client, sdk};
	};
	return {
		sent,
		get: (async (service: AwsServiceName) => connection(service)) as AwsClients['get'],
		// As the real one (aws/clients.ts): a cancelled call rejects with an AbortError, not a CloudError.
		async call({signal, ...context}, run) {
			try {
				throwIfAborted(signal);
				return await run();
			} catch (error) {
				if (signal?.aborted || isAborted(error)) throw abortError();
				throw toCloudError(error, context);
			}
		},
		warnings: () => [],
		reset: () => {},
		region: () => 'us-east-1',
	};
}
