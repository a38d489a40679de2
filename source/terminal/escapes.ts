// The few control sequences the layer writes itself.
const CSI = '\u001B[';

export const ENTER_ALT_SCREEN = `${CSI}?1049h`;
export const LEAVE_ALT_SCREEN = `${CSI}?1049l`;
export const HIDE_CURSOR = `${CSI}?25l`;
export const SHOW_CURSOR = `${CSI}?25h`;
export const RESET_SGR = `${CSI}m`;
/** Synchronized output (mode 2026): the terminal shows the frame only once it is complete. */
export const BEGIN_SYNC = `${CSI}?2026h`;
export const END_SYNC = `${CSI}?2026l`;
export const BELL = '\u0007';

export function cursorTo(x: number, y: number): string {
	return `${CSI}${y + 1};${x + 1}H`;
}

export function privateMode(mode: number, on: boolean): string {
	return `${CSI}?${mode}${on ? 'h' : 'l'}`;
}

/** OSC 52: put `text` on the system clipboard (terminals that allow it; tmux needs set-clipboard). */
export function osc52(text: string): string {
	return `\u001B]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
}
