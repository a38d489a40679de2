// How the overview shares its rows: the services table takes what it needs first (a header and a
// row per service), then the one-line summaries (alarms, database, errors), and the error tail gets
// every row left. Below minTailRows the tail is not drawn and the ERRORS line says how to see it.

export const minTailRows = 3;

export type OverviewLayout = {tableHeight: number; tailRows: number};

export function overviewLayout(height: number, serviceCount: number, summaryRows = 3): OverviewLayout {
	const wanted = Math.max(2, serviceCount + 1);
	const rest = height - summaryRows - wanted;
	if (rest >= minTailRows) return {tableHeight: wanted, tailRows: rest};
	return {tableHeight: Math.max(2, height - summaryRows), tailRows: 0};
}
