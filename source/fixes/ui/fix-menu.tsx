import {Box} from 'ink';
import {useState} from 'react';
import {fixesFor} from '../catalogue.js';
import type {Fix, Target} from '../types.js';
import {SegmentList} from '../../components/segment-list.js';
import {SegmentText} from '../../components/segment-lines.js';
import {Footer} from '../../components/footer.js';
import {moveCursor} from '../../format/list-window.js';
import {fitLine, type SegmentLine} from '../../format/segments.js';
import {padEnd} from '../../format/truncate.js';
import {useBindings, type Binding} from '../../input/bindings.js';
import {readOnlyReason} from './confirm-rules.js';
import {quitBinding, type FixDeps} from './deps.js';
import {riskTone} from './preview-lines.js';
import {targetLabel} from './target-label.js';

/** One row of the menu: title, risk, and the summary in what room is left. */
export function menuRow(fix: Fix): SegmentLine {
	return [
		{text: `${padEnd(fix.title, 26)} `},
		{text: padEnd(fix.risk, 7), tone: riskTone[fix.risk]},
		{text: fix.summary, tone: 'muted'},
	];
}

/** `a`: the fixes the catalogue offers for the selected resource's kind; Enter opens one's flow. */
export function FixMenu({target, deps, width, height, onPick, onClose}: {target: Target; deps: FixDeps; width: number; height: number; onPick: (fix: Fix) => void; onClose: () => void}) {
	const fixes = fixesFor(target.kind);
	const [cursor, setCursor] = useState(0);
	const selected = fixes[Math.min(cursor, fixes.length - 1)];
	const bindings: Binding[] = [
		{keys: ['enter'], description: 'preview this fix', footer: true, handler: () => selected && onPick(selected)},
		{keys: ['j', 'down'], description: 'next fix', handler: () => setCursor(c => moveCursor(c, 1, fixes.length))},
		{keys: ['k', 'up'], description: 'previous fix', handler: () => setCursor(c => moveCursor(c, -1, fixes.length))},
		{keys: ['esc', 'q'], description: 'close', footer: true, handler: onClose},
		quitBinding(deps),
	];
	useBindings(bindings, {isActive: true});
	const mode: SegmentLine = deps.rules.write
		? [{text: `WRITE: a confirmed fix changes ${deps.config.env}${deps.rules.production ? ' (production: you will type the name to confirm)' : ''}`, tone: 'warn'}]
		: [{text: `${readOnlyReason} — every fix can still be previewed`, tone: 'muted'}];
	const listHeight = Math.max(2, height - 2);
	return (
		<Box flexDirection="column" width={width} height={height}>
			<SegmentText line={fitLine(mode, width)} />
			<SegmentList
				title={[{text: `Fixes for ${targetLabel(target)}`, bold: true}]}
				rows={fixes.map(menuRow)}
				cursor={fixes.length > 0 ? Math.min(cursor, fixes.length - 1) : -1}
				height={listHeight}
				width={width}
				empty={`no fixes for a ${target.kind}`}
			/>
			<Footer bindings={bindings} width={width} />
		</Box>
	);
}

