import * as esc from './escapes.js';
import type {DiffOutput} from './diff-output.js';

const strayControls = /[\u0000-\u0009\u000b\u000c\u000e-\u001a\u001c-\u001f\u007f]/g;

/** `text` without the C0 controls a frame never needs (ESC, CR and LF stay). */
export function dropControls(text: string): string {
	return text.replace(strayControls, '');
}

/**
 * Ink's own output, straight to the terminal, with the same enter/restore contract as the diff
 * layer. Only for the benchmark's baseline (ACSO_TUI_OUTPUT=ink) and as an escape hatch should a
 * terminal disagree with the diff layer.
 */
export function createPlainOutput(real: NodeJS.WriteStream): DiffOutput {
	let entered = false;
	let writes = 0;
	let bytes = 0;
	const write = real.write.bind(real);
	// Count what Ink writes, for the benchmark's figures; C0 controls other than ESC, CR and LF (BEL,
	// backspace, shift-out ...) are dropped, as the diff layer drops them.
	real.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
		const clean = dropControls(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
		writes += 1;
		bytes += Buffer.byteLength(clean);
		return (write as (...a: unknown[]) => boolean)(clean, ...rest);
	}) as typeof real.write;
	const restore = () => {
		if (!entered) return;
		entered = false;
		try {
			write(esc.RESET_SGR + esc.SHOW_CURSOR + esc.LEAVE_ALT_SCREEN);
		} catch {
			// The terminal is gone (hang-up).
		}
	};
	return {
		stream: real,
		enter() {
			if (entered) return;
			entered = true;
			write(esc.ENTER_ALT_SCREEN + esc.HIDE_CURSOR);
		},
		restore,
		osc52: text => void write(esc.osc52(text)),
		stats: () => ({inputBytes: bytes, bytesWritten: bytes, writeCalls: writes, frames: writes, framesSkipped: 0}),
		settled: () => Promise.resolve(),
		drawn: () => Promise.resolve(),
		dispose: restore,
	};
}
