// Every failure the port reports is a CloudError with a kind the UI can turn into a state:
// a notice for throttling, a banner for credentials, "not found" naming the resource, a stale
// marker for the network. Adapters map their SDK errors to these; nothing above the port sees
// an SDK error class.
import {setMaxListeners} from 'node:events';

export type CloudErrorKind =
	| 'throttled'
	| 'credentials' // missing or expired; `hint` says what to run
	| 'denied' // access denied; `action` names the missing IAM action
	| 'not-found' // `resource` names what is missing
	| 'network' // endpoint unreachable, reset, timed out
	| 'invalid' // the request was refused as invalid (bad value, bad pattern)
	| 'unsupported' // the endpoint does not implement this call
	| 'read-only' // a mutating call without --write
	| 'region' // no region could be found
	| 'unknown';

export type CloudErrorDetails = {
	resource?: string;
	action?: string;
	hint?: string;
	requestId?: string;
	code?: string;
	cause?: unknown;
};

export class CloudError extends Error {
	readonly kind: CloudErrorKind;
	readonly resource?: string;
	readonly action?: string;
	readonly hint?: string;
	readonly requestId?: string;
	readonly code?: string;

	constructor(kind: CloudErrorKind, message: string, details: CloudErrorDetails = {}) {
		super(message, details.cause === undefined ? undefined : {cause: details.cause});
		this.name = 'CloudError';
		this.kind = kind;
		this.resource = details.resource;
		this.action = details.action;
		this.hint = details.hint;
		this.requestId = details.requestId;
		this.code = details.code;
	}
}

export function isCloudError(error: unknown): error is CloudError {
	return error instanceof CloudError;
}

/** Retrying cannot help these; the poller should not hammer the API with them. */
export function isPermanent(error: unknown): boolean {
	return isCloudError(error) && ['denied', 'not-found', 'invalid', 'unsupported', 'read-only', 'region'].includes(error.kind);
}

export function errorMessage(error: unknown): string {
	if (error instanceof Error) return error.message;
	return String(error);
}

// ---- Cancelled reads. A read whose caller went away (a screen closed, a poll restarted) rejects
// with an AbortError. It is not a failure: it is never shown, never counted, never backed off. ----

/** The error an aborted read rejects with: named AbortError, as DOM, Node and the AWS SDK name theirs. */
export function abortError(): Error {
	return new DOMException('The read was cancelled', 'AbortError');
}

/**
 * True for a cancelled read: an AbortError (the port's, Node's, fetch's, the SDK's "Request
 * aborted"), also when wrapped as the cause of another error.
 */
export function isAborted(error: unknown): boolean {
	for (let depth = 0; depth < 5 && error !== null && typeof error === 'object'; depth++) {
		if ((error as {name?: unknown}).name === 'AbortError') return true;
		error = (error as {cause?: unknown}).cause;
	}
	return false;
}

/**
 * The controller of a read that may fan out: one signal goes to every request it makes at once
 * (discovery's task definitions, a metric batch's pages), each adding its abort listener, and Node
 * warns past ten listeners on one signal, on the terminal of a `status` run too.
 */
export function readController(): AbortController {
	const controller = new AbortController();
	setMaxListeners(0, controller.signal);
	return controller;
}

/** Rejects (throws) at once when the signal has already been aborted: called before each request or page. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
	if (signal?.aborted) throw abortError();
}
