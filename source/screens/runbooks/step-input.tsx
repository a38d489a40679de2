// The small panels under a step while it is being prepared: a placeholder's field (or the list of
// running tasks for a TASK-ID) and the confirmation of an aws CLI command before it runs. The fields
// are LineInputs, the app's one text field: no typed-ahead key is lost (they take printable text only).
import {Box, Text} from 'ink';
import {LineInput} from '../../components/line-input.js';
import {toneColor} from '../../components/theme.js';
import {listWindow} from '../../format/list-window.js';
import {sanitize} from '../../format/sanitize.js';
import {truncate} from '../../format/truncate.js';
import type {StepPhase, TaskList} from '../../runbooks/walker/walker-state.js';
import {previewLines} from '../../runbooks/walker/walker-steps.js';

type Filling = Extract<StepPhase, {kind: 'filling'}>;
type Confirming = Extract<StepPhase, {kind: 'confirming'}>;

/** Rows the panels take, so the screen can size the rest. */
export function fillRows(phase: Filling, tasks: TaskList): number {
	const placeholder = phase.placeholders[phase.index];
	const picking = placeholder?.kind === 'task-id' && tasks.status === 'ok' && tasks.items.length > 0;
	return 2 + (picking ? Math.min(taskRows, tasks.items.length) : 1) + Math.min(2, phase.errors.length);
}

/** A change is shown whole (the reducer refused one taller than the screen); a read in at most 3 lines. */
function shownLines(phase: Confirming, width: number): string[] {
	const lines = previewLines(phase.argv, width);
	if (phase.write || lines.length <= readPreviewRows) return lines;
	return [...lines.slice(0, readPreviewRows - 1), `${lines[readPreviewRows - 1] ?? ''} …`];
}

const readPreviewRows = 3;

export function confirmRows(phase: Confirming, width: number): number {
	return 2 + (phase.context === undefined ? 0 : 1) + shownLines(phase, width).length;
}

const taskRows = 5;

export function FillPanel({phase, tasks, width, isActive, onDraft, onSubmit}: {phase: Filling; tasks: TaskList; width: number; isActive: boolean; onDraft: (text: string) => void; onSubmit: () => void}) {
	const placeholder = phase.placeholders[phase.index];
	if (!placeholder) return null;
	const picking = placeholder.kind === 'task-id' && tasks.status === 'ok' && tasks.items.length > 0;
	const win = listWindow(tasks.items.length, phase.choice, taskRows);
	const step = `${phase.index + 1}/${phase.placeholders.length}`;
	let hint = 'type the value, ⏎ next, esc cancel';
	if (picking) hint = 'j/k pick a running task, ⏎ use it, esc cancel';
	else if (placeholder.kind === 'task-id') hint = tasks.status === 'loading' ? 'loading the running tasks… or type a task id' : `type a task id${tasks.error ? ` (the task list failed: ${tasks.error})` : tasks.status === 'ok' ? ' (no running tasks found)' : ''}`;
	return (
		<Box flexDirection="column" width={width}>
			<Text wrap="truncate-end">
				<Text bold color={toneColor('accent')}>
					{`Value ${step}: ${sanitize(placeholder.label)} (${sanitize(placeholder.token)})`}
				</Text>
				<Text color={toneColor('muted')}>{`  ${sanitize(placeholder.help)}`}</Text>
			</Text>
			{picking ? (
				tasks.items.slice(win.start, win.end).map((task, i) => (
					<Text key={task.id} inverse={win.start + i === phase.choice} wrap="truncate-end">
						{truncate(`  ${sanitize(task.id)}  ${sanitize(task.service ?? '')}`, width)}
					</Text>
				))
			) : (
				<Box>
					<Text color={toneColor('accent')}>› </Text>
					<LineInput value={phase.draft} onChange={onDraft} onSubmit={onSubmit} isActive={isActive} />
				</Box>
			)}
			{phase.errors.slice(0, 2).map((error, i) => (
				<Text key={i} color={toneColor('bad')} wrap="truncate-end">
					{sanitize(error)}
				</Text>
			))}
			<Text color={toneColor('muted')} wrap="truncate-end">
				{hint}
			</Text>
		</Box>
	);
}

export function ConfirmPanel({phase, width, isActive, onTyped, onSubmit}: {phase: Confirming; width: number; isActive: boolean; onTyped: (text: string) => void; onSubmit: () => void}) {
	const lines = shownLines(phase, width);
	return (
		<Box flexDirection="column" width={width}>
			<Text bold color={toneColor(phase.write ? 'bad' : 'accent')} wrap="truncate-end">
				{phase.write ? 'Run this CHANGE with the aws CLI? It is audited; there is no undo:' : 'Run this read with the aws CLI (no shell)?'}
			</Text>
			{phase.context === undefined ? null : (
				<Text color={toneColor('muted')} wrap="truncate-end">
					{`  as ${sanitize(phase.context)}`}
				</Text>
			)}
			{lines.map((line, i) => (
				<Text key={i} wrap="truncate-end">
					{i === 0 ? '$ ' : '  '}
					{line}
				</Text>
			))}
			{phase.typeToConfirm === undefined ? (
				<Text color={toneColor('muted')}>y/⏎ run it · esc cancel</Text>
			) : (
				<Box>
					<Text color={toneColor('warn')}>{`type ${sanitize(phase.typeToConfirm)} to confirm, esc cancel: `}</Text>
					<LineInput value={phase.typed} onChange={onTyped} onSubmit={onSubmit} isActive={isActive} />
				</Box>
			)}
		</Box>
	);
}
