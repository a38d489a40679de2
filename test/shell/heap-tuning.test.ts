import {execFileSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {heapFlags} from '../../source/shell/heap-tuning.js';

// A log flood in miniature, in a node of its own (flags set in this one would reach every other
// test): some live data, then pages of events, each held while it is read and dropped after. It
// reports the largest old generation V8 gave itself. setFlagsFromString ignores a flag
// it does not know, so a node that dropped one of ours shows here, not as memory in the field.
const flood = `
const v8 = require('node:v8');
for (const flag of JSON.parse(process.argv[1])) v8.setFlagsFromString(flag);
const space = name => v8.getHeapSpaceStatistics().find(s => s.space_name === name).space_size;
const live = [];
for (let i = 0; i < 150000; i++) live.push({id: 'live-' + i, n: i});
let old = 0;
let read = 0;
for (let p = 0; p < 60; p++) {
	const page = [];
	for (let i = 0; i < 40000; i++) page.push({eventId: 'e' + p + '-' + i, message: \`line \${i} of page \${p}: ERROR request failed after \${i % 997}ms: ThrottlingException\`, timestamp: p * 1e5 + i});
	for (const event of page) read += event.message.length;
	old = Math.max(old, space('old_space'));
}
process.stdout.write(JSON.stringify({old, read, live: live.length}));
`;

function peaks(flags: readonly string[]): {old: number} {
	return JSON.parse(execFileSync(process.execPath, ['-e', flood, JSON.stringify(flags)], {encoding: 'utf8'})) as {old: number};
}

describe('heap tuning', () => {
	it('keeps the old generation near what it holds, where V8 alone grows it to several times that', () => {
		const untuned = peaks([]);
		const tuned = peaks(heapFlags);
		// V8 alone: an old generation grown to several times the live data (about 110 MB here, for
		// some 10 MB live; tuned, under 40).
		expect(tuned.old).toBeLessThan(0.5 * untuned.old);
	});
});
