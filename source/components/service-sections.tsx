import {Box} from 'ink';
import {deploymentHeader, deploymentLayout, deploymentRow, eventRow, sortEvents} from '../format/deployments.js';
import {splitEvenly} from '../format/chart-grid.js';
import {sanitize} from '../format/sanitize.js';
import {textLine, type Segment, type SegmentLine} from '../format/segments.js';
import {prominentFailure, taskHeader, taskLayout, taskReason, taskRow} from '../format/tasks.js';
import {wrapText} from '../format/wrap.js';
import type {Service, Task} from '../port/types.js';
import {SegmentLines} from './segment-lines.js';
import {SegmentList} from './segment-list.js';

export type SectionName = 'deployments' | 'tasks' | 'events';

type Detail = {service: Service; tasks: Task[]; sizes: Record<string, string>};

function sectionTitle(name: SectionName, key: string, focused: boolean, summary: Segment[]): SegmentLine {
	return [
		{text: focused ? '▶ ' : '  ', tone: 'accent'},
		{text: name.toUpperCase(), bold: true, tone: focused ? 'accent' : undefined},
		{text: ` (${key})  `, tone: 'muted'},
		...summary,
	];
}

function taskSummary(tasks: readonly Task[]): Segment[] {
	const running = tasks.filter(t => t.lastStatus === 'RUNNING').length;
	const stopped = tasks.filter(t => t.lastStatus === 'STOPPED').length;
	const failed = tasks.filter(t => prominentFailure(t) !== undefined).length;
	return [
		{text: `${running} running · ${stopped} stopped`, tone: 'muted'},
		...(failed > 0 ? [{text: ` · ${failed} failed: see the red rows`, tone: 'bad' as const, bold: true}] : []),
	];
}

/** How the height is shared: deployments get what they need (up to 3 rows), tasks a little more than events. */
export function sectionHeights(height: number, deployments: number): Record<SectionName, number> {
	const deploymentsHeight = Math.min(height, 2 + Math.max(1, Math.min(3, deployments)));
	const [tasks = 0, events = 0] = splitEvenly(height - deploymentsHeight, 2);
	return {deployments: deploymentsHeight, tasks, events};
}

/** The deployments, tasks and events of one service, exactly `height` rows; the focused one scrolls. */
export function ServiceSections({detail, focus, cursors, now, width, height}: {
	detail: Detail;
	focus: SectionName;
	cursors: Record<SectionName, number>;
	now: number;
	width: number;
	height: number;
}) {
	const heights = sectionHeights(height, detail.service.deployments.length);
	const dLayout = deploymentLayout(width);
	const tLayout = taskLayout(width);
	const events = sortEvents(detail.service.events);
	const cursor = (s: SectionName, count: number) => (focus === s && count > 0 ? Math.min(cursors[s], count - 1) : -1);
	// The selected task's whole reason, wrapped under the list: the row only has room for its start.
	const taskCursor = cursor('tasks', detail.tasks.length);
	const selected = taskCursor >= 0 ? detail.tasks[taskCursor] : undefined;
	const reason = selected ? sanitize(taskReason(selected)) : '';
	const reasonLines =
		selected && reason && heights.tasks >= 7
			? wrapText(`${sanitize(selected.id.slice(0, 8))}: ${reason}`, Math.max(1, width - 2), 2).map((l, i) => textLine(`${i === 0 ? '▸' : ' '} ${l}`, width, {tone: prominentFailure(selected) ? 'bad' : 'muted'}))
			: [];
	return (
		<Box flexDirection="column" height={height}>
			<SegmentList
				title={sectionTitle('deployments', 'd', focus === 'deployments', [{text: `${detail.service.deployments.length}`, tone: 'muted'}])}
				header={textLine(deploymentHeader(dLayout), width, {tone: 'muted'})}
				rows={detail.service.deployments.map(d => deploymentRow(d, detail.sizes[d.taskDefinition], now, dLayout))}
				cursor={cursor('deployments', detail.service.deployments.length)}
				height={heights.deployments}
				width={width}
				empty="no deployments"
			/>
			<SegmentList
				title={sectionTitle('tasks', 't', focus === 'tasks', taskSummary(detail.tasks))}
				header={textLine(taskHeader(tLayout), width, {tone: 'muted'})}
				rows={detail.tasks.map(t => taskRow(t, now, tLayout))}
				cursor={taskCursor}
				height={heights.tasks - reasonLines.length}
				width={width}
				empty="no running or recently stopped tasks"
			/>
			{reasonLines.length > 0 ? <SegmentLines lines={reasonLines} /> : null}
			<SegmentList
				title={sectionTitle('events', 'e', focus === 'events', [{text: 'newest first', tone: 'muted'}])}
				rows={events.map(e => eventRow(e, now))}
				cursor={cursor('events', events.length)}
				height={heights.events}
				width={width}
				empty="no events"
			/>
		</Box>
	);
}
