// The parsed form of a CloudWatch Logs filter pattern. Positions are UTF-16 offsets into the
// pattern text, so an error or a highlight can point at the exact character.

export class FilterPatternError extends Error {
	/** Offset in the pattern text where the problem is. */
	readonly position: number;

	constructor(message: string, position: number) {
		super(message);
		this.name = 'FilterPatternError';
		this.position = position;
	}
}

/** One plain or quoted term, case-sensitive substring match. */
export type TextTerm = {text: string; start: number; end: number};

/** Terms that must all appear, and terms none of which may appear. */
export type TermGroup = {include: TextTerm[]; exclude: TextTerm[]};

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type Literal =
	| {kind: 'string'; text: string; /** Set when the text holds a `*` wildcard. */ glob?: RegExp; start: number}
	| {kind: 'number'; value: number; text: string; start: number}
	| {kind: 'regex'; source: string; regex: RegExp; start: number};

/** A JSON property path (`$.a.b[0]` -> ['a', 'b', 0]) or a space-delimited field name (['status']). */
export type Selector = {text: string; path: Array<string | number>; start: number};

export type Condition =
	| {kind: 'and' | 'or'; items: Condition[]}
	| {kind: 'compare'; selector: Selector; op: CompareOp; value: Literal}
	| {kind: 'check'; selector: Selector; check: 'null' | 'not-exists' | 'true' | 'false'};

export type DelimitedField = {kind: 'ellipsis'} | {kind: 'field'; name: string; start: number};

export type FilterAst =
	/** The empty pattern: every event matches. */
	| {kind: 'all'}
	/**
	 * Plain terms. `required` applies to every event; when `alternatives` is non-empty at least one
	 * of its groups must match too. `?a b ?c` is (a AND b) OR c, as the AWS CDK writes term groups.
	 */
	| {kind: 'text'; required: TermGroup; alternatives: TermGroup[]}
	| {kind: 'regex'; literal: Extract<Literal, {kind: 'regex'}>}
	| {kind: 'json'; condition: Condition}
	| {kind: 'delimited'; fields: DelimitedField[]; conditions: Condition[]};
