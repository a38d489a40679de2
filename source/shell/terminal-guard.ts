// Giving the terminal back, whatever ends the app: quitting, a signal (SIGTERM from a deploy tool,
// SIGHUP from a dropped SSH link, SIGINT), or a crash. The steps run once, each guarded, because the
// terminal may already be gone; a crash restores the terminal first and only then prints the error,
// so the message lands on the main screen where it stays readable.

export type GuardSteps = {
	/** Each step of giving the terminal back, in order (unmount, raw mode off, screen, output). */
	steps: Array<() => void>;
	/** Where the crash message goes once the terminal is back (stderr). */
	report(text: string): void;
	exit(code: number): void;
};

export type ProcessLike = {
	on(event: 'exit' | 'uncaughtException' | 'unhandledRejection', listener: (...args: unknown[]) => void): unknown;
	once(event: NodeJS.Signals, listener: () => void): unknown;
};

export const signalExitCodes = {SIGTERM: 143, SIGHUP: 129, SIGINT: 130} as const;

/** Installs the handlers; returns `giveBack`, for the normal way out. */
export function guardTerminal(target: ProcessLike, guard: GuardSteps): () => void {
	let given = false;
	const giveBack = () => {
		if (given) return;
		given = true;
		for (const step of guard.steps) {
			try {
				step();
			} catch {
				// A crashed tree may fail to unmount, a hung-up terminal to be written: go on regardless.
			}
		}
	};
	target.on('exit', giveBack);
	for (const [signal, code] of Object.entries(signalExitCodes) as Array<[NodeJS.Signals, number]>) {
		target.once(signal, () => {
			giveBack();
			guard.exit(code);
		});
	}
	const crash = (error: unknown) => {
		giveBack();
		guard.report(`acso-tui crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
		guard.exit(1);
	};
	target.on('uncaughtException', crash);
	target.on('unhandledRejection', crash);
	return giveBack;
}
