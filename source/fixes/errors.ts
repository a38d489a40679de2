// A fix refused before anything is sent: bad parameters, a missing target, a state that makes the
// change meaningless. The message is what the confirm dialog shows, so it names the value and the rule.

export class FixInputError extends Error {
	/** The parameter (or target field) at fault, when there is one. */
	readonly field?: string;

	constructor(message: string, field?: string) {
		super(message);
		this.name = 'FixInputError';
		this.field = field;
	}
}

export function isFixInputError(error: unknown): error is FixInputError {
	return error instanceof FixInputError;
}
