import {Box} from 'ink';
import {useState} from 'react';
import type {DeploymentWatch} from '../watch.js';
import {Footer} from '../../components/footer.js';
import {SegmentList} from '../../components/segment-list.js';
import {formatAge} from '../../format/durations.js';
import {moveCursor} from '../../format/list-window.js';
import {sanitize} from '../../format/sanitize.js';
import type {SegmentLine} from '../../format/segments.js';
import {padEnd} from '../../format/truncate.js';
import {useBindings, type Binding} from '../../input/bindings.js';
import {quitBinding, type FixDeps} from './deps.js';
import {useWatchList} from './use-watch-state.js';
import {watchStatus, watchTone} from './watch-lines.js';

/** One row of the `w` list: the service, where its rollout is, its counts and age. */
export function watchRow(watch: DeploymentWatch, now: number): SegmentLine {
	const state = watch.state();
	return [
		{text: `${padEnd(sanitize(watch.service), 36)} `},
		{text: `${padEnd(watchStatus(state), 12)} `, tone: watchTone(state), bold: true},
		{text: `${padEnd(`${state.running}/${state.desired} running`, 14)} `},
		{text: `started ${formatAge(now - state.startedAt)} ago`, tone: 'muted'},
	];
}

/** `w`: the deployment watches of this session, newest first; Enter shows one. */
export function WatchList({deps, now, width, height, onOpen, onClose}: {deps: FixDeps; now: number; width: number; height: number; onOpen: (watch: DeploymentWatch) => void; onClose: () => void}) {
	const watches = [...useWatchList(deps.watches)].reverse();
	const [cursor, setCursor] = useState(0);
	const index = Math.min(cursor, Math.max(0, watches.length - 1));
	const selected = watches[index];
	const bindings: Binding[] = [
		{
			keys: ['enter'],
			description: 'show the watch',
			footer: true,
			...(selected ? {} : {disabledReason: 'no watch to show'}),
			handler: () => selected && onOpen(selected),
		},
		{keys: ['j', 'down'], description: 'next watch', handler: () => setCursor(c => moveCursor(c, 1, watches.length))},
		{keys: ['k', 'up'], description: 'previous watch', handler: () => setCursor(c => moveCursor(c, -1, watches.length))},
		{keys: ['r'], description: 'poll every running watch now', footer: true, handler: () => deps.waker.wake()},
		{keys: ['esc', 'q', 'w'], description: 'close', footer: true, handler: onClose},
		quitBinding(deps),
	];
	useBindings(bindings, {isActive: true});
	return (
		<Box flexDirection="column" width={width} height={height}>
			<SegmentList
				title={[{text: 'Deployment watches (this session)', bold: true}]}
				rows={watches.map(watch => watchRow(watch, now))}
				cursor={watches.length > 0 ? index : -1}
				height={Math.max(2, height - 1)}
				width={width}
				empty="no deployment watches yet: a confirmed ECS fix starts one"
			/>
			<Footer bindings={bindings} width={width} />
		</Box>
	);
}
