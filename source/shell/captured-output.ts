import {format} from 'node:util';

// Nothing but the renderer writes to the terminal. Node warnings (the AWS SDK's Node-version
// notice goes through process.emitWarning) and stray console calls (credential providers, SDK
// issue 7070) are kept here and shown inside the app instead of being printed over the screen.

const limit = 50;
const captured: string[] = [];
const listeners = new Set<() => void>();

function keep(line: string): void {
	captured.push(line.replace(/\s+/g, ' ').trim());
	if (captured.length > limit) captured.splice(0, captured.length - limit);
	for (const listener of listeners) listener();
}

export function capturedLines(): readonly string[] {
	return captured;
}

export function onCaptured(listener: () => void): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}

/** Redirects process warnings and console output into the captured list for the app's lifetime. */
export function captureProcessOutput(): () => void {
	const warningListeners = process.listeners('warning');
	process.removeAllListeners('warning');
	const onWarning = (warning: Error) => keep(`${warning.name}: ${warning.message}`);
	process.on('warning', onWarning);
	const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
	const originals = methods.map(m => console[m]);
	for (const m of methods) {
		console[m] = (...args: unknown[]) => keep(`console.${m}: ${format(...args)}`);
	}
	return () => {
		process.off('warning', onWarning);
		for (const l of warningListeners) process.on('warning', l);
		methods.forEach((m, i) => {
			console[m] = originals[i] as (typeof console)[typeof m];
		});
	};
}
