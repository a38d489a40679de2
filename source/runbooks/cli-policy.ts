// Decides what an aws CLI argument vector is: a read acso-tui may run without --write (its service
// and operation are in the reviewed table of cli-allowlist.ts, and nothing in it can send a local
// file, write one, print a secret or point the CLI somewhere else), a write (anything else), or
// refused outright. Judged on the final argv, after placeholders are filled: a value typed for a
// placeholder is checked like the guide's own words. No quoting hides an option from this check:
// the CLI sees `"--region"` as --region, so every word is taken as the CLI would take it.
import {isReadOnlyOperation, isSecretOperation} from './cli-allowlist.js';

export type CliVerdict = {kind: 'read'} | {kind: 'write'; why: string} | {kind: 'refused'; why: string};

// Options that would point the CLI at another account, endpoint, trust store or configuration than
// the app's own (whose region, profile and endpoint are passed to the child instead), or print the
// signed request (--debug shows the session token). Python's argparse, which the CLI uses, accepts
// any unambiguous prefix of an option (`--endpoint` for --endpoint-url), so prefixes count too.
const overrideOptions = [
	'endpoint-url',
	'profile',
	'region',
	'ca-bundle',
	'no-verify-ssl',
	'no-sign-request',
	'debug',
	'cli-input-json',
	'cli-input-yaml',
	'cli-binary-format',
	'cli-read-timeout',
	'cli-connect-timeout',
	'cli-auto-prompt',
	'no-cli-auto-prompt',
];

// Global options a read may carry: they only shape what is printed on stdout.
const outputValueOptions = new Set(['output', 'query', 'color']);

// Operations that write their answer to a local file named by a positional argument (OUTFILE).
const outputFileOperations: Readonly<Record<string, readonly string[]>> = {
	s3api: ['get-object', 'get-object-torrent'],
	s3: ['cp', 'mv', 'sync'],
	lambda: ['invoke'],
	polly: ['synthesize-speech'],
	'bedrock-runtime': ['invoke-model'],
	'sagemaker-runtime': ['invoke-endpoint'],
	'kinesis-video-media': ['get-media'],
	'mediastore-data': ['get-object'],
	glacier: ['get-job-output'],
	'lex-runtime': ['post-content'],
	apigateway: ['get-export', 'get-sdk'],
	appsync: ['get-introspection-schema'],
	ebs: ['get-snapshot-block'],
	codeartifact: ['get-package-version-asset'],
};

// Reads whose answer holds secret-looking fields (a task definition's environment values): run only
// with JSON output, which the runner redacts before anything is drawn.
const secretFieldOperations: Readonly<Record<string, readonly string[]>> = {
	ecs: ['describe-task-definition'],
};

/** The option name of a word (`--a-b=c` -> `a-b`), lower case, or undefined for a non-option. */
function optionName(word: string): string | undefined {
	if (!word.startsWith('--') || word.length === 2) return undefined;
	const eq = word.indexOf('=');
	return (eq < 0 ? word.slice(2) : word.slice(2, eq)).toLowerCase();
}

/** The override option `name` abbreviates or names, if any. */
export function overrideOption(name: string): string | undefined {
	if (name.startsWith('cli-')) return name;
	return overrideOptions.find(option => option.startsWith(name));
}

const fileReference = /fileb?:\/\//i;

function listed(table: Readonly<Record<string, readonly string[]>>, service: string, operation: string | undefined): boolean {
	return operation !== undefined && Object.hasOwn(table, service) && (table[service] as readonly string[]).includes(operation);
}

/** Service and operation of an aws argv, skipping the global options before the service. */
export function awsTarget(argv: readonly string[]): {service?: string; operation?: string} {
	let i = 1;
	while (i < argv.length) {
		const name = optionName(argv[i] ?? '');
		if (name === undefined) break;
		i += outputValueOptions.has(name) && !(argv[i] ?? '').includes('=') ? 2 : 1;
	}
	const service = argv[i];
	const operation = argv[i + 1];
	return {...(service === undefined ? {} : {service}), ...(operation === undefined || operation.startsWith('-') ? {} : {operation})};
}

/** The verdict on `argv` (argv[0] is `aws`). */
export function judgeAwsArgv(argv: readonly string[]): CliVerdict {
	if (argv[0] !== 'aws') return {kind: 'refused', why: 'not an aws command'};
	for (const word of argv.slice(1)) {
		if (fileReference.test(word)) return {kind: 'refused', why: 'it reads a local file (file:// or fileb://), which the aws CLI would send to AWS: run it yourself'};
		const name = optionName(word);
		if (name === undefined) continue;
		const override = overrideOption(name);
		if (override !== undefined) {
			return {kind: 'refused', why: `--${override} in a guide command: acso-tui runs the aws CLI with its own account, region and endpoint only`};
		}
	}
	const {service, operation} = awsTarget(argv);
	if (service === undefined || service.startsWith('-')) return {kind: 'write', why: 'no service and operation to check'};
	if (isSecretOperation(service, operation)) {
		return {kind: 'refused', why: `aws ${service} ${operation ?? ''} returns a secret, which acso-tui never shows or records: run it in a terminal of your own`.replace('  ', ' ')};
	}
	if (listed(outputFileOperations, service, operation)) return {kind: 'refused', why: `aws ${service} ${operation} writes a local file: run it yourself`};
	if (service === 'ssm' && argv.some(word => {
		const name = optionName(word);
		return name !== undefined && name.length > 0 && 'with-decryption'.startsWith(name);
	})) {
		return {kind: 'refused', why: 'ssm --with-decryption prints decrypted secrets, which acso-tui never shows or records: run it yourself'};
	}
	if (operation === undefined || !isReadOnlyOperation(service, operation)) return {kind: 'write', why: `aws ${service} ${operation ?? ''} is not on acso-tui's list of read-only operations`.replace('  ', ' ')};
	if (listed(secretFieldOperations, service, operation)) {
		const output = argv.findIndex(word => word === '--output' || word.startsWith('--output='));
		const value = output < 0 ? 'json' : (argv[output] as string).includes('=') ? (argv[output] as string).split('=')[1] : argv[output + 1];
		if (value !== 'json') return {kind: 'refused', why: `aws ${service} ${operation} prints environment values; acso-tui redacts them in JSON output only (drop --output)`};
	}
	// A value fetched from a URL (the CLI v1's remote parameters) is not a value the guide shows.
	if (argv.some(word => /^(--[^=]*=)?https?:\/\//i.test(word))) return {kind: 'write', why: 'a value is a URL, which older aws CLIs fetch'};
	return {kind: 'read'};
}
