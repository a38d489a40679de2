// V8's heap sized for a dashboard, not a server (issue 17). Left to itself, V8 lets the old
// generation grow to about four times what it held after the last full collection before it
// collects again. For throughput that is right; for a terminal app an engineer keeps open on a
// shared bastion it meant a log flood took the process from about 105 MB to 260 MB: each page of
// events read is alive while it is handled, so it is promoted, and dies in the old generation,
// where the growth factor lets that garbage pile up (the app itself holds some 25 MB of heap).
//
// So the old generation may grow by 25 % of what it held after a full collection, not fourfold. The
// garbage collector reads the flag as it runs, so the app sets it for itself at start (node's own
// command line would not travel with `npx`, the bundle or the single executable). It costs no CPU
// per update that the bench can see, and leaves a flood's peak at about 165-170 MB.
//
// Not set, on purpose: `--semi-space-growth-factor=1` (the young generation kept at its starting 8
// MB instead of growing to 34 MB) brings that peak to 135-145 MB, under the 150 MB, but a
// render's objects then outlive two scavenges and are promoted: one value changing cost 25-27 ms of
// CPU instead of 16-20, and the flood 13.0 s instead of 7.6 s (README, "Benchmark"). During an
// incident the CPU of a shared bastion is worth more than 25 MB of it. Nothing caps the heap: what
// the app must hold, it holds.
import {setFlagsFromString} from 'node:v8';

/** The flags, as node's command line would take them. */
export const heapFlags = ['--heap-growing-percent=25'] as const;

/** Sets heapFlags: first thing at start. */
export function tuneHeap(): void {
	for (const flag of heapFlags) setFlagsFromString(flag);
}
