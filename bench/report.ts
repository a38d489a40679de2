// The results table: one row per figure, acso-tui (the diff layer) beside Ink's default output,
// the target and whether it was met. Printed as Markdown, so the same text goes in the README.

export type Row = {
	figure: string;
	acso: string;
	ink: string;
	target: string;
	/** true / false against the target; null where the issue sets no target. */
	met: boolean | null;
	/** How far from the target, e.g. "0.43x of target" or "+38 ms over". */
	by?: string;
};

export function metText(row: Row): string {
	if (row.met === null) return '—';
	return `${row.met ? 'met' : '**not met**'}${row.by ? ` (${row.by})` : ''}`;
}

export function markdownTable(rows: readonly Row[]): string {
	const header = ['figure', 'acso-tui', 'Ink default', 'target', 'met'];
	const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
	for (const row of rows) lines.push(`| ${[row.figure, row.acso, row.ink, row.target, metText(row)].map(cell => cell.replace(/\|/g, '\\|')).join(' | ')} |`);
	return lines.join('\n');
}

/** "met, 0.43x of the limit" style wording for an upper limit. */
export function against(value: number, limit: number, unit: string): Pick<Row, 'met' | 'by'> {
	if (!Number.isFinite(value)) return {met: false, by: 'not measured'};
	if (limit === 0) return {met: value === 0, by: value === 0 ? undefined : `${value} ${unit} over`};
	const met = value <= limit;
	const ratio = value / limit;
	return {met, by: met ? `${(ratio * 100).toFixed(0)} % of the limit` : `${(ratio).toFixed(1)}x the limit, ${round(value - limit)} ${unit} over`};
}

function round(value: number): number {
	return Math.round(value * 10) / 10;
}
