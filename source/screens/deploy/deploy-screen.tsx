import {Box} from 'ink';
import {useState} from 'react';
import {SegmentLines} from '../../components/segment-lines.js';
import {deploymentLines, eventLine, guardLine, logViewOrder, orderNewTasks, resourceLine, shownLines, tailLines, taskLine, verdictLines, type LogView} from '../../format/cockpit.js';
import {combineFreshness} from '../../format/freshness.js';
import {sanitize} from '../../format/sanitize.js';
import {fitLine, textLine, type SegmentLine} from '../../format/segments.js';
import {cockpitChartMs, useCockpit} from '../../hooks/use-cockpit.js';
import type {Binding} from '../../input/bindings.js';
import {eventsSince, tasksOf} from '../../model/cockpit.js';
import {shortServiceName} from '../../port/names.js';
import {serviceTarget, useFixKeys} from '../../fixes/ui/fix-keys.js';
import {useApp} from '../../shell/app-context.js';
import type {ScreenModel, ScreenProps} from '../../shell/screen-model.js';
import {freshnessOf} from '../../hooks/poll-state.js';

const viewLabel: Record<LogView, string> = {new: 'the new revision', old: 'the old revision', both: 'both revisions'};

/**
 * The rollback cockpit (`:deploy SERVICE`, `D` on a service): the rollout's two deployments side by
 * side, the verdict, the new tasks, the new revision's logs and error rate against the old's, and
 * `R` to roll back through the fix flow. A view: the data and the verdict come from useCockpit.
 */
export function useDeployScreen(props: ScreenProps): ScreenModel {
	const {config, now, open, proposeFix} = useApp();
	const name = props.params.service ?? '';
	const short = sanitize(shortServiceName(name, config.names));
	const cockpit = useCockpit(name, true);
	const [view, setView] = useState<LogView>('new');
	const {data, verdict, rates} = cockpit;
	const target = serviceTarget(config.names.cluster, name || undefined);
	const at = now();
	const width = props.width;

	const bindings: Binding[] = [
		{
			keys: ['R'],
			description: data?.old ? `roll back to ${sanitize(data.old.taskDefinition)}` : 'roll back to the previous revision',
			footer: true,
			dangerous: true,
			...(target ? {} : {disabledReason: 'no service given'}),
			handler: () => {
				if (target) proposeFix({fixId: 'rollback', target});
			},
		},
		{
			keys: ['v'],
			description: `logs of the new revision, the old one, or both (now: ${view})`,
			footer: true,
			handler: () => setView(v => logViewOrder[(logViewOrder.indexOf(v) + 1) % logViewOrder.length]!),
		},
		{keys: ['L'], description: 'all logs of this service', handler: () => open('logs', {service: name})},
		{keys: ['enter'], description: 'service detail', handler: () => open('service', {name})},
		...useFixKeys(target, 'service'),
	];

	const freshness = combineFreshness([freshnessOf(cockpit.state), freshnessOf(cockpit.logs), freshnessOf(cockpit.metrics)]);
	if (!data || !verdict) {
		const message = name === '' ? 'no service given: :deploy SERVICE, or D on a service' : cockpit.state.error ? sanitize(cockpit.state.error.message) : 'loading…';
		return {bindings, freshness, title: `Deploy · ${short || '?'}`, body: <SegmentLines lines={[textLine(message, width, {tone: cockpit.state.error ? 'bad' : 'muted'})]} />};
	}

	const top: SegmentLine[] = [...verdictLines(verdict, width), ...deploymentLines(data, rates, at, width), guardLine(data, width)];
	const range = {start: at - cockpitChartMs, end: at};
	top.push(resourceLine(cockpit.series?.cpu?.points, cockpit.series?.memory?.points, range, data.fresh?.createdAt, width));

	const fresh = data.fresh?.taskDefinition;
	const newTasks = orderNewTasks(tasksOf(data, fresh));
	const events = eventsSince(data.service, data.fresh?.createdAt);
	// Rows left for tasks, events and the tail: the tail gets what the others leave, at least a few.
	const left = Math.max(0, props.height - top.length);
	const taskRows = Math.min(newTasks.length, Math.max(1, Math.floor(left / 4)));
	const eventRows = Math.min(events.length, Math.max(1, Math.floor(left / 6)));
	const tailRows = Math.max(0, left - taskRows - eventRows - 3);
	const lines = shownLines(cockpit.logs.data ?? [], view, fresh, data.old?.taskDefinition);

	const body: SegmentLine[] = [
		...top,
		fitLine([{text: `NEW TASKS of ${sanitize(fresh ?? '?')} `, bold: true}, {text: `${newTasks.length}, stopped first`, tone: 'muted'}], width),
		...(newTasks.length === 0 ? [textLine('  none yet', width, {tone: 'muted'})] : newTasks.slice(0, taskRows).map(task => taskLine(task, at, width))),
		fitLine([{text: 'EVENTS since the deployment ', bold: true}, {text: `${events.length}`, tone: 'muted'}], width),
		...(events.length === 0 ? [textLine('  none', width, {tone: 'muted'})] : events.slice(0, eventRows).map(event => eventLine(event, at, width))),
		fitLine([{text: `LOGS of ${viewLabel[view]} `, bold: true}, {text: `${lines.length} lines, streams by task id · v: new/old/both`, tone: 'muted'}], width),
		...(lines.length === 0 ? [textLine(cockpit.logs.status === 'loading' ? '  loading…' : '  no lines from these tasks in the last minutes', width, {tone: 'muted'})] : tailLines(lines, view, tailRows, width)),
	];
	return {
		bindings,
		freshness,
		title: `Deploy · ${short}`,
		body: (
			<Box flexDirection="column" height={props.height} overflow="hidden">
				<SegmentLines lines={body.slice(0, props.height)} />
			</Box>
		),
	};
}
