import type {CloudWatchClient} from '@aws-sdk/client-cloudwatch';
import type {CloudWatchLogsClient} from '@aws-sdk/client-cloudwatch-logs';
import type {ECSClient} from '@aws-sdk/client-ecs';
import type {IAMClient} from '@aws-sdk/client-iam';
import type {RDSClient} from '@aws-sdk/client-rds';
import type {SSMClient} from '@aws-sdk/client-ssm';
import type {EC2Client} from '@aws-sdk/client-ec2';
import packageJson from '../../package.json' with {type: 'json'};
import {abortError, isAborted, throwIfAborted} from '../port/errors.js';
import {toCloudError, type ErrorContext} from './errors.js';

// One SDK client per service, created on first use. Each client package is imported dynamically:
// importing all four costs ~150 ms and ~30 MB, which start-up (and --demo) should never pay.

export type AwsServiceName = 'ecs' | 'cloudwatch' | 'logs' | 'rds' | 'ssm' | 'iam' | 'ec2';

export type ObservedCall = {service: AwsServiceName; operation: string};

export type AwsOptions = {
	region?: string;
	profile?: string;
	endpointUrl?: string;
	credentials?: {accessKeyId: string; secretAccessKey: string; sessionToken?: string};
	isWriteEnabled: () => boolean;
	/** Goes into the user agent, so this session's calls can be found in CloudTrail. */
	sessionId?: string;
	/** Called once per HTTP request the SDK sends (retries included). */
	observe?: (call: ObservedCall) => void;
	maxAttempts?: number;
};

type Modules = {
	ecs: typeof import('@aws-sdk/client-ecs');
	cloudwatch: typeof import('@aws-sdk/client-cloudwatch');
	logs: typeof import('@aws-sdk/client-cloudwatch-logs');
	rds: typeof import('@aws-sdk/client-rds');
	ssm: typeof import('@aws-sdk/client-ssm');
	iam: typeof import('@aws-sdk/client-iam');
	ec2: typeof import('@aws-sdk/client-ec2');
};

type Clients = {ecs: ECSClient; cloudwatch: CloudWatchClient; logs: CloudWatchLogsClient; rds: RDSClient; ssm: SSMClient; iam: IAMClient; ec2: EC2Client};

export type Connection<K extends AwsServiceName> = {client: Clients[K]; sdk: Modules[K]};

export type AwsClients = {
	get<K extends AwsServiceName>(service: K): Promise<Connection<K>>;
	/**
	 * Runs one adapter operation and maps whatever it throws to a CloudError, except a cancelled
	 * read: with `signal` aborted (before the call or during it) it rejects with an AbortError.
	 */
	call<T>(context: ErrorContext & {signal?: AbortSignal}, run: () => Promise<T>): Promise<T>;
	warnings(): string[];
	reset(): void;
	/** The region in use: explicit, from the environment, or what the SDK resolved from the profile. */
	region(): string | undefined;
};

const loaders: {[K in AwsServiceName]: () => Promise<Modules[K]>} = {
	ecs: () => import('@aws-sdk/client-ecs'),
	cloudwatch: () => import('@aws-sdk/client-cloudwatch'),
	logs: () => import('@aws-sdk/client-cloudwatch-logs'),
	rds: () => import('@aws-sdk/client-rds'),
	ssm: () => import('@aws-sdk/client-ssm'),
	// Only a runbook step on roles or the execution-role fix loads it.
	iam: () => import('@aws-sdk/client-iam'),
	ec2: () => import('@aws-sdk/client-ec2'),
};

type ClientConfig = Record<string, unknown>;

function construct<K extends AwsServiceName>(service: K, sdk: Modules[K], config: ClientConfig): Clients[K] {
	// One branch per service keeps each constructor's config type checked by its own package.
	const m = sdk as Modules[AwsServiceName];
	if (service === 'ecs') return new (m as Modules['ecs']).ECSClient(config) as Clients[K];
	if (service === 'cloudwatch') return new (m as Modules['cloudwatch']).CloudWatchClient(config) as Clients[K];
	if (service === 'logs') return new (m as Modules['logs']).CloudWatchLogsClient(config) as Clients[K];
	if (service === 'ssm') return new (m as Modules['ssm']).SSMClient(config) as Clients[K];
	if (service === 'iam') return new (m as Modules['iam']).IAMClient(config) as Clients[K];
	if (service === 'ec2') return new (m as Modules['ec2']).EC2Client(config) as Clients[K];
	return new (m as Modules['rds']).RDSClient(config) as Clients[K];
}

export const userAgentName = 'acso-tui';
export const toolVersion: string = packageJson.version;

/** `acso-tui/<version> session/<id>` as SDK user-agent pairs (the SDK escapes what it must). */
export function userAgentPairs(sessionId: string | undefined): Array<[string, string]> {
	const pairs: Array<[string, string]> = [[userAgentName, toolVersion]];
	if (sessionId) pairs.push(['session', sessionId]);
	return pairs;
}

/** The SDK's own variables for endpoint overrides; with any of them set, host prefixes must go. */
const endpointVariables = ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_ECS', 'AWS_ENDPOINT_URL_CLOUDWATCH', 'AWS_ENDPOINT_URL_CLOUDWATCH_LOGS', 'AWS_ENDPOINT_URL_RDS', 'AWS_ENDPOINT_URL_SSM', 'AWS_ENDPOINT_URL_IAM', 'AWS_ENDPOINT_URL_EC2'];

export function hasCustomEndpoint(options: Pick<AwsOptions, 'endpointUrl'>, env: NodeJS.ProcessEnv): boolean {
	return Boolean(options.endpointUrl) || endpointVariables.some(name => Boolean(env[name]));
}

/** Region given, else the environment's (AWS_DEFAULT_REGION included, which the SDK ignores). */
export function explicitRegion(options: Pick<AwsOptions, 'region'>, env: NodeJS.ProcessEnv): string | undefined {
	return options.region || env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
}

export type WarningLog = {
	logger: Record<'trace' | 'debug' | 'info' | 'warn' | 'error', (...content: unknown[]) => void>;
	list(): string[];
};

const maxWarnings = 50;

/**
 * The SDK logger: never prints. warn/error go to a bounded list the UI shows; info/debug are
 * dropped (the SDK logs every command's input and output at info).
 */
export function createWarningLog(): WarningLog {
	const warnings: string[] = [];
	const add = (level: string, content: unknown[]) => {
		// The SDK also logs every failed command here ({clientName, commandName, input, error}). Each
		// failure already reaches the screen as its panel's state (throttled, stale, credentials);
		// kept here it would crowd out real warnings and surface as raw JSON.
		if (level === 'error' && content.length === 1 && isFailedCallRecord(content[0])) return;
		const line = `${level}: ${content.map(part => (typeof part === 'string' ? part : safeJson(part))).join(' ')}`;
		if (warnings.includes(line)) return;
		warnings.push(line);
		if (warnings.length > maxWarnings) warnings.shift();
	};
	const ignore = () => {};
	return {
		logger: {trace: ignore, debug: ignore, info: ignore, warn: (...content) => add('warn', content), error: (...content) => add('error', content)},
		list: () => [...warnings],
	};
}

/** The SDK logger middleware's record of a failed command. */
export function isFailedCallRecord(value: unknown): boolean {
	return typeof value === 'object' && value !== null && 'commandName' in value && 'error' in value;
}

function safeJson(value: unknown): string {
	if (value instanceof Error) return value.message;
	try {
		return JSON.stringify(value) ?? String(value);
	} catch {
		return String(value);
	}
}

/** What every client gets; exported so the config can be checked without building a client. */
export function clientConfig(options: AwsOptions, env: NodeJS.ProcessEnv, logger: WarningLog['logger']): ClientConfig {
	const config: ClientConfig = {
		maxAttempts: options.maxAttempts ?? 3,
		retryMode: 'standard',
		logger,
		customUserAgent: userAgentPairs(options.sessionId),
	};
	const region = explicitRegion(options, env);
	if (region) config.region = region;
	if (options.profile) config.profile = options.profile;
	if (options.credentials) config.credentials = {...options.credentials};
	if (options.endpointUrl) config.endpoint = options.endpointUrl;
	// Operations such as StartLiveTail prepend a host prefix ("streaming-"), which a local or
	// proxy endpoint does not answer to.
	if (hasCustomEndpoint(options, env)) config.disableHostPrefix = true;
	return config;
}

function operationName(commandName: unknown): string {
	return typeof commandName === 'string' ? commandName.replace(/Command$/, '') : 'unknown';
}

export function createAwsClients(options: AwsOptions, env: NodeJS.ProcessEnv = process.env): AwsClients {
	const log = createWarningLog();
	const pending = new Map<AwsServiceName, Promise<Connection<AwsServiceName>>>();
	let resolvedRegion = explicitRegion(options, env);
	const profile = options.profile || env.AWS_PROFILE || undefined;

	async function build<K extends AwsServiceName>(service: K): Promise<Connection<K>> {
		const sdk = await loaders[service]();
		const client = construct(service, sdk, clientConfig(options, env, log.logger));
		const {observe} = options;
		if (observe) {
			// After the retry middleware (finalizeRequest, high priority), so each attempt counts.
			// The four clients' stacks differ only in their types; one plain shape serves them all.
			const stack = (client as unknown as {middlewareStack: {add(middleware: unknown, options: Record<string, unknown>): void}}).middlewareStack;
			stack.add(
				(next: (args: unknown) => Promise<unknown>, context: {commandName?: unknown}) => async (args: unknown) => {
					observe({service, operation: operationName(context.commandName)});
					return next(args);
				},
				{step: 'finalizeRequest', priority: 'low', name: 'acsoObserveRequests', override: true},
			);
		}
		if (!resolvedRegion) {
			// Resolved by the SDK from the profile; only for display, so a failure here is ignored
			// (the call itself reports a missing region).
			void (client.config as unknown as {region: () => Promise<string>}).region().then(
				region => {
					resolvedRegion = region;
				},
				() => {},
			);
		}
		return {client, sdk};
	}

	function get<K extends AwsServiceName>(service: K): Promise<Connection<K>> {
		let connection = pending.get(service) as Promise<Connection<K>> | undefined;
		if (!connection) {
			connection = build(service);
			// A failed import must not stick: the next call tries again.
			connection.catch(() => pending.delete(service));
			pending.set(service, connection as Promise<Connection<AwsServiceName>>);
		}
		return connection;
	}

	return {
		get,
		async call({signal, ...context}, run) {
			try {
				throwIfAborted(signal);
				return await run();
			} catch (error) {
				// The SDK's "Request aborted", or a page never sent: not a failure of the endpoint.
				if (signal?.aborted || isAborted(error)) throw abortError();
				throw toCloudError(error, {profile, ...context});
			}
		},
		warnings: () => log.list(),
		reset() {
			const old = [...pending.values()];
			pending.clear();
			// Close the old clients' sockets; their credential caches go with them.
			for (const connection of old) {
				connection.then(({client}) => client.destroy(), () => {});
			}
		},
		region: () => resolvedRegion,
	};
}
