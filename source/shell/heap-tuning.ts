// V8's heap sized for a dashboard, not a server (issue 17). Left to itself, V8 lets the old
// generation grow to about four times what it held after the last full collection before it
// collects again, and doubles the young generation's semi-spaces up to 16 MB each once much of it
// survives (start-up is enough). For throughput that is right; for a terminal app an engineer
// keeps open on a shared bastion it meant a log flood took the process from about 105 MB to
// 260 MB: each page of events read is alive while it is handled, so it is promoted, and dies in
// the old generation, where the growth factor lets that garbage pile up (the app itself holds
// some 25 MB of heap), beside 34 MB of young generation.
//
// Two flags the garbage collector reads as it runs, so the app sets them for itself at start
// (node's own command line would not travel with `npx`, the bundle or the single executable):
//  - the old generation may grow by 25 % of what it held after a full collection, not fourfold;
//  - the young generation keeps the size it has at start (8 MB in all in the bench) instead of
//    doubling to 34 MB.
// The cost is collector time. In the bench's flood (a million events in about 14 s) 13.0 s of CPU
// instead of 7.6 s. And per update, from the small young generation (a render's objects outlive
// two 4 MB scavenges and are promoted): one value 25-27 ms instead of 16-20, 200 services'
// nothing 20-22 ms instead of 16-17. The growth factor alone costs no update CPU but leaves the
// flood's peak at 164-169 MB (README, "Benchmark"). Nothing caps the heap: what the app must
// hold, it holds.
import {setFlagsFromString} from 'node:v8';

/** The flags, as node's command line would take them. */
export const heapFlags = ['--heap-growing-percent=25', '--semi-space-growth-factor=1'] as const;

/** Sets heapFlags: first thing at start, before the young generation has grown. */
export function tuneHeap(): void {
	for (const flag of heapFlags) setFlagsFromString(flag);
}
