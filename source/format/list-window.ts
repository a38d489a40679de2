/**
 * Which rows of a list to draw so the cursor stays visible: only the visible window is rendered
 * (lazygit's renderOnlyVisibleLines), with counts for the ▲/▼ markers.
 */
export function listWindow(count: number, cursor: number, height: number): {start: number; end: number; above: number; below: number} {
	const rows = Math.max(1, height);
	if (count <= rows) return {start: 0, end: count, above: 0, below: 0};
	const half = Math.floor(rows / 2);
	const start = Math.min(Math.max(0, cursor - half), count - rows);
	const end = start + rows;
	return {start, end, above: start, below: count - end};
}

/** Moves a cursor by `delta`, clamped to the list; an empty list keeps 0. */
export function moveCursor(cursor: number, delta: number, count: number): number {
	if (count <= 0) return 0;
	return Math.min(count - 1, Math.max(0, cursor + delta));
}
