// The few control sequences the layer writes itself.
const CSI = '\u001B[';

export const ENTER_ALT_SCREEN = `${CSI}?1049h`;
export const LEAVE_ALT_SCREEN = `${CSI}?1049l`;
export const HIDE_CURSOR = `${CSI}?25l`;
export const SHOW_CURSOR = `${CSI}?25h`;
export const RESET_SGR = `${CSI}m`;
export const CURSOR_HOME = `${CSI}H`;
/** Synchronized output (mode 2026): the terminal shows the frame only once it is complete. */
export const BEGIN_SYNC = `${CSI}?2026h`;
export const END_SYNC = `${CSI}?2026l`;

export function cursorTo(x: number, y: number): string {
	return `${CSI}${y + 1};${x + 1}H`;
}

export function privateMode(mode: number, on: boolean): string {
	return `${CSI}?${mode}${on ? 'h' : 'l'}`;
}

// Every control character but the line feed (and tab), C1 included: what would let a paste act
// (ESC[201~ ends a bracketed paste, then the rest runs as typed), or a CR hide a line.
const clipboardControls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** `text` with its control characters shown as `\xHH`, as the sanitizer draws them: safe to paste. */
export function clipboardSafe(text: string): string {
	return text.replace(clipboardControls, char => `\\x${(char.codePointAt(0) ?? 0).toString(16).padStart(2, '0')}`);
}

/** OSC 52: put `text` on the system clipboard (terminals that allow it; tmux needs set-clipboard). */
export function osc52(text: string): string {
	// The last guard, whatever the caller passed: no control character leaves the app this way.
	return `\u001B]52;c;${Buffer.from(clipboardSafe(text), 'utf8').toString('base64')}\u0007`;
}
