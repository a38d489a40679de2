// asciichart 1.5 ships no types. Only what format/chart.ts uses is declared; `plot` draws one or
// more series (equal scale) into rows joined by '\n', each coloured cell being `color + char + reset`.
declare module 'asciichart' {
	export type PlotConfig = {
		min?: number;
		max?: number;
		/** Rows above the lowest one: the plot is `height + 1` rows tall. */
		height?: number;
		/** Columns before the first value: the label goes at column 0, the axis at `offset - 1`. */
		offset?: number;
		padding?: string;
		format?: (value: number, row: number) => string;
		/** One per series, cycled; wrapped around each drawn cell, followed by `reset`. */
		colors?: string[];
		symbols?: string[];
	};

	const asciichart: {
		plot(series: number[] | number[][], config?: PlotConfig): string;
		reset: string;
	};
	export default asciichart;
}
