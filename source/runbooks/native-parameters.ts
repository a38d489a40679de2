// Parameter Store diagnosis (the guide's `aws ssm get-parameters-by-path --path P --recursive`):
// every parameter with its type, value (never a SecureString's: it is never decrypted), version,
// when and by whom it last changed; the verdict names those changed outside the automation that
// wrote the rest (model/parameter-drift.ts), with the value before (the automation's last version,
// from the history) and now.
import type {Parameter, ParameterVersion} from '../port/types.js';
import {automationOf, lastAutomationVersion, outOfBand, principalLabel, type Automation} from '../model/parameter-drift.js';
import type {NativeCall} from './native-call.js';
import {type Finding, listOf, ok, plural, problem, type ReadContext, type ReadOutcome, shortTime, table, unknown} from './native-result.js';

type Call = Extract<NativeCall, {op: 'ssm.get-parameters-by-path'}>;

/** Parameters listed as lines at most (the verdict still reads them all). */
export const maxParameterLines = 200;
/** Histories read per check at most: only parameters changed out of band need one. */
export const maxHistoryReads = 10;
const maxValueWidth = 60;

export const secureStringShown = '(SecureString)';

function shown(value: string | undefined, secure: boolean): string {
	if (secure) return secureStringShown;
	if (value === undefined) return '-';
	const line = value.replace(/\s+/g, ' ');
	return line.length > maxValueWidth ? `${line.slice(0, maxValueWidth - 1)}…` : line;
}

function quoted(version: Pick<ParameterVersion, 'value' | 'type'> | undefined): string {
	if (!version) return '(none)';
	return version.type === 'SecureString' ? secureStringShown : JSON.stringify(shown(version.value, false));
}

type Drift = {parameter: Parameter; before?: ParameterVersion; restored: boolean};

async function drifts(context: ReadContext, suspects: readonly Parameter[], automation: Automation): Promise<{drifts: Drift[]; calls: number}> {
	const found: Drift[] = [];
	let calls = 0;
	for (const parameter of suspects.slice(0, maxHistoryReads)) {
		// aws ssm get-parameter-history --name NAME   (never --with-decryption)
		const history = await context.cloud.parameters.getParameterHistory(parameter.name, context.signal ? {signal: context.signal} : {});
		calls++;
		const before = lastAutomationVersion(history, automation);
		// Put back by hand to the automation's value: not drift any more.
		const restored = parameter.type !== 'SecureString' && before !== undefined && before.value === parameter.value;
		found.push({parameter, ...(before ? {before} : {}), restored});
	}
	return {drifts: found, calls};
}

function driftLine(drift: Drift, automation: Automation): string {
	const {parameter, before} = drift;
	const who = principalLabel(parameter.lastModifiedBy);
	const now = parameter.type === 'SecureString' ? `${secureStringShown} v${parameter.version}` : `${JSON.stringify(shown(parameter.value, false))} (v${parameter.version})`;
	if (!before) return `${parameter.name}: written by ${who} at ${shortTime(parameter.lastModifiedAt)}, never by ${automation.label}; now ${now}`;
	return `${parameter.name}: ${quoted(before)} (v${before.version}, ${automation.label}) → ${now} by ${who} at ${shortTime(parameter.lastModifiedAt)}`;
}

export async function getParametersByPath(call: Call, context: ReadContext): Promise<ReadOutcome> {
	// aws ssm get-parameters-by-path --path PATH [--recursive]   (never --with-decryption)
	const parameters = await context.cloud.parameters.getParametersByPath(call.path, call.recursive, context.signal ? {signal: context.signal} : {});
	const notes: string[] = [];
	if (parameters.length === 0) {
		return {finding: unknown(`No parameters under ${call.path}${call.recursive ? '' : ' (one level; the guide adds --recursive for the whole tree)'}: nothing to compare.`, 'no-parameters'), lines: [], notes, calls: 1};
	}
	const rows = [['NAME', 'TYPE', 'VALUE', 'VERSION', 'LAST MODIFIED', 'BY']];
	for (const parameter of parameters.slice(0, maxParameterLines)) {
		rows.push([parameter.name, parameter.type, shown(parameter.value, parameter.type === 'SecureString'), String(parameter.version), shortTime(parameter.lastModifiedAt), principalLabel(parameter.lastModifiedBy)]);
	}
	if (parameters.length > maxParameterLines) notes.push(`${parameters.length} parameters: the first ${maxParameterLines} are listed; the verdict reads them all.`);
	if (parameters.some(parameter => parameter.type === 'SecureString')) notes.push('SecureString values are never decrypted or shown (no --with-decryption).');
	const lines = table(rows);

	const automation = automationOf(parameters);
	if (!automation) {
		const named = parameters.some(parameter => parameter.lastModifiedBy !== undefined);
		const reason = named
			? `${plural(parameters.length, 'parameter')} under ${call.path}, and no one principal wrote most of them: no automation to compare with.`
			: `${plural(parameters.length, 'parameter')} under ${call.path}; this endpoint does not say who changed them, so changes outside the automation cannot be told apart.`;
		return {finding: unknown(reason, 'no-automation'), lines, notes, calls: 1};
	}
	const suspects = outOfBand(parameters, automation);
	if (suspects.length > maxHistoryReads) notes.push(`${suspects.length} parameters changed outside the automation: the histories of the ${maxHistoryReads} changed last are read.`);
	const read = await drifts(context, suspects, automation);
	const drifted = read.drifts.filter(drift => !drift.restored);
	const restored = read.drifts.filter(drift => drift.restored);
	let finding: Finding;
	if (drifted.length === 0) {
		const put = restored.length > 0 ? ` (${listOf(restored.map(drift => drift.parameter.name))} put back to its value by hand)` : '';
		finding = ok(`All ${plural(parameters.length, 'parameter')} under ${call.path} hold what ${automation.label} wrote${put}.`);
	} else {
		const named = drifted.map(drift => `${drift.parameter.name} (by ${principalLabel(drift.parameter.lastModifiedBy)})`);
		finding = problem(
			`${plural(suspects.length - restored.length, 'parameter')} under ${call.path} changed outside the automation (${automation.label}, which wrote the other ${automation.count}): ${listOf(named)}. Restore the automation's value.`,
			'parameter-drift',
		);
		lines.push('', 'Changed outside the automation (before → now):', ...drifted.map(drift => `  ${driftLine(drift, automation)}`));
	}
	return {finding, lines, notes, calls: 1 + read.calls};
}
