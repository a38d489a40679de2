import {Box} from 'ink';
import type {DeploymentWatch} from '../watch.js';
import {Footer} from '../../components/footer.js';
import {SegmentLines} from '../../components/segment-lines.js';
import {textLine} from '../../format/segments.js';
import {useBindings, type Binding} from '../../input/bindings.js';
import {quitBinding, type FixDeps} from './deps.js';
import {useWatchState} from './use-watch-state.js';
import {watchLines} from './watch-lines.js';

/** The lines of a watch, live: used inside the fix flow and on its own from the watch list. */
export function WatchPanel({watch, now, width, height}: {watch: DeploymentWatch; now: number; width: number; height: number}) {
	const state = useWatchState(watch);
	if (!state || height <= 0) return null;
	return <SegmentLines lines={watchLines(state, now, width, height).slice(0, height)} />;
}

/** Keys shared by every view of a watch: poll now, stop watching. */
export function watchBindings(watch: DeploymentWatch | undefined, deps: FixDeps): Binding[] {
	if (!watch) return [];
	const running = !watch.state().done;
	return [
		{keys: ['r'], description: 'poll now', footer: running, handler: () => deps.waker.wake()},
		...(deps.openCockpit ? [{keys: ['D'] as const, description: 'follow it in the rollback cockpit', footer: true, handler: () => deps.openCockpit?.(watch.service)}] : []),
		{
			keys: ['x'],
			description: 'stop watching (the deployment goes on)',
			...(running ? {} : {disabledReason: 'the watch has ended'}),
			handler: () => watch.cancel(),
		},
	];
}

/** One watch, reopened from the `w` list: Esc goes back; the watch keeps running. */
export function WatchView({watch, deps, now, width, height, onClose}: {watch: DeploymentWatch; deps: FixDeps; now: number; width: number; height: number; onClose: () => void}) {
	useWatchState(watch); // re-render on each poll, so the keys follow the state
	const bindings: Binding[] = [...watchBindings(watch, deps), {keys: ['esc', 'q'], description: 'back (keeps watching)', footer: true, handler: onClose}, quitBinding(deps)];
	useBindings(bindings, {isActive: true, onDisabled: b => deps.notify(`${b.description}: ${b.disabledReason}`, 'warn')});
	return (
		<Box flexDirection="column" width={width} height={height}>
			<SegmentLines lines={[textLine(`Watching ${watch.cluster}`, width, {tone: 'muted'})]} />
			<WatchPanel watch={watch} now={now} width={width} height={Math.max(1, height - 2)} />
			<Box flexGrow={1} />
			<Footer bindings={bindings} width={width} />
		</Box>
	);
}
