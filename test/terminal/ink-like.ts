// Writes frames the way Ink 6.8's renderer does (ink.js onRender + log-update), without React:
// a frame shorter than the terminal is erased line by line (eraseLines) and rewritten with a
// trailing newline; once a frame was as tall as the terminal, every render clears the terminal and
// repaints. Resizes follow Ink's `resized`: a narrower terminal erases the frame first.
const ESC = '\u001B[';

export function eraseLines(count: number): string {
	let out = '';
	for (let i = 0; i < count; i++) out += `${ESC}2K` + (i < count - 1 ? `${ESC}1A` : '');
	return count > 0 ? `${out}${ESC}G` : out;
}

export const CLEAR_TERMINAL = `${ESC}2J${ESC}3J${ESC}H`;

export class InkLikeWriter {
	private previousLineCount = 0;
	private lastHeight = 0;
	private lastOutput = '';

	constructor(
		private readonly write: (data: string) => void,
		public columns: number,
		public rows: number,
	) {}

	render(lines: string[]): void {
		const output = lines.join('\n');
		const full = lines.length >= this.rows;
		const toRender = full ? output : `${output}\n`;
		if (this.lastHeight >= this.rows) {
			this.write(CLEAR_TERMINAL + output);
		} else if (output !== this.lastOutput) {
			this.write(eraseLines(this.previousLineCount) + toRender);
		}

		this.previousLineCount = toRender.split('\n').length;
		this.lastHeight = lines.length;
		this.lastOutput = output;
	}

	resized(columns: number, rows: number): void {
		if (columns < this.columns) {
			this.write(eraseLines(this.previousLineCount));
			this.previousLineCount = 0;
			this.lastOutput = '';
		}

		this.columns = columns;
		this.rows = rows;
	}
}
