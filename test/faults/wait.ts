// Waiting on a condition in the fault tests: polled, always bounded, and the timeout names what
// was awaited, so a hang reads as a failure that says where it stuck.

export async function until(what: string, predicate: () => boolean, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!predicate()) {
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await pause(20);
	}
}

export function pause(ms: number): Promise<void> {
	return new Promise(resolve => setTimeout(resolve, ms));
}
