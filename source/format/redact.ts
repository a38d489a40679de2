// Secrets are never drawn, copied or recorded. A request or an argument vector that is shown (a
// fix preview, the `aws ...` twin, a copied command) or written to the audit log goes through
// here first: values of secret-looking fields become `<redacted>`. The request that is SENT is
// never redacted; only what people and files see is.
//
// The rule: a field or option whose name says password, passphrase, secret, token, credential, or
// a private, access, API, session or signing key is redacted whole; so is every `value` of a
// container's `environment` (plaintext configuration routinely holds database passwords and API
// keys) and every entry of `secrets`. JSON values inside arguments are redacted the same way.

export const redacted = '<redacted>';

const secretName = /(password|passwd|passphrase|secret|token|credential|private[-_]?key|access[-_]?key|api[-_]?key|session[-_]?key|signing[-_]?key|connection[-_]?string)/i;

/** True when a field or option named `name` holds a secret by its name alone. */
export function isSecretName(name: string): boolean {
	return secretName.test(name);
}

function redactEnvironment(list: unknown): unknown {
	if (!Array.isArray(list)) return redacted;
	return list.map(entry => {
		if (entry === null || typeof entry !== 'object') return redacted;
		const record = entry as Record<string, unknown>;
		return {...record, ...(record['value'] === undefined ? {} : {value: redacted}), ...(record['Value'] === undefined ? {} : {Value: redacted})};
	});
}

/** A deep copy of `value` with every secret-looking field redacted. */
export function redactSecrets<T>(value: T): T {
	return redactAny(value, 0) as T;
}

function redactAny(value: unknown, depth: number): unknown {
	if (depth > 64 || value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) return value.map(item => redactAny(item, depth + 1));
	const out: Record<string, unknown> = {};
	for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
		if (isSecretName(key)) out[key] = item === undefined ? item : redacted;
		else if (/^environment$/i.test(key) || key === 'Variables') out[key] = key === 'Variables' ? redactVariables(item) : redactEnvironment(item);
		else out[key] = redactAny(item, depth + 1);
	}
	return out;
}

// Lambda-style `{Variables: {NAME: value}}`.
function redactVariables(item: unknown): unknown {
	if (item === null || typeof item !== 'object' || Array.isArray(item)) return redacted;
	return Object.fromEntries(Object.keys(item as Record<string, unknown>).map(name => [name, redacted]));
}

function redactJsonWord(word: string): string {
	const trimmed = word.trim();
	if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) return word;
	try {
		const parsed: unknown = JSON.parse(trimmed);
		const clean = redactSecrets(parsed);
		return JSON.stringify(clean) === JSON.stringify(parsed) ? word : JSON.stringify(clean);
	} catch {
		return word;
	}
}

// Options whose value is a secret although the name does not say so.
const secretValueOptions: Readonly<Record<string, readonly string[]>> = {
	ssm: ['value'],
	'*': ['environment', 'environment-variables'],
};

/**
 * An aws argument vector for showing, copying and auditing: values of secret options redacted
 * (`--master-user-password X`, `--secret-string X`, `ssm put-parameter --value X`), JSON values
 * redacted inside.
 */
export function redactArgv(argv: readonly string[]): string[] {
	const service = argv.slice(1).find(word => !word.startsWith('-'));
	const secretByService = [...(secretValueOptions['*'] ?? []), ...(service === undefined ? [] : (secretValueOptions[service] ?? []))];
	const out: string[] = [];
	let hideNext = false;
	for (const word of argv) {
		if (hideNext && !word.startsWith('--')) {
			out.push(redacted);
			hideNext = false;
			continue;
		}
		hideNext = false;
		if (word.startsWith('--')) {
			const eq = word.indexOf('=');
			const name = (eq < 0 ? word.slice(2) : word.slice(2, eq)).toLowerCase();
			const secret = isSecretName(name) || secretByService.includes(name);
			if (secret && eq >= 0) out.push(`${word.slice(0, eq + 1)}${redacted}`);
			else {
				out.push(eq >= 0 ? `${word.slice(0, eq + 1)}${redactJsonWord(word.slice(eq + 1))}` : word);
				hideNext = secret && eq < 0;
			}
			continue;
		}
		out.push(redactJsonWord(word));
	}
	return out;
}
