// The terminal as we found it, and how to give it back. Restoring is synchronous and idempotent
// so it is safe from exit and signal handlers: cursor shown, colours reset, main screen back,
// raw mode off.

const enterAlternateScreen = '\u001B[?1049h\u001B[2J\u001B[H';
const hideCursor = '\u001B[?25l';
const leaveAlternateScreen = '\u001B[?1049l';
const showCursor = '\u001B[?25h';
const resetAttributes = '\u001B[0m';

export type TerminalSession = {restore(): void};

export function startTerminalSession(stdout: NodeJS.WriteStream, stdin: NodeJS.ReadStream): TerminalSession {
	stdout.write(enterAlternateScreen + hideCursor);
	let restored = false;
	return {
		restore() {
			if (restored) return;
			restored = true;
			try {
				if (stdin.isTTY) stdin.setRawMode(false);
			} catch {
				// The terminal may already be gone (SIGHUP): nothing to give back then.
			}
			try {
				stdout.write(resetAttributes + showCursor + leaveAlternateScreen);
			} catch {
				// Same: a dropped SSH link cannot be written to.
			}
		},
	};
}
