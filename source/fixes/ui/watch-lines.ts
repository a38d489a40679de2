// A deployment watch as lines: the rollout's state and counts, how long it has run and how long it
// will wait, the service events since the change, and how it ended.
import type {WatchState} from '../watch-state.js';
import {eventRow} from '../../format/deployments.js';
import {formatDuration} from '../../format/durations.js';
import {fitLine, type SegmentLine, type SegmentTone} from '../../format/segments.js';
import {labelled, paragraph} from './text-blocks.js';

/** Whole seconds: a watch's timings move by polls, and "450ms" reads as noise. */
function seconds(ms: number): string {
	return ms < 1000 ? '0s' : formatDuration(Math.floor(ms / 1000) * 1000);
}

export function watchTone(state: WatchState): SegmentTone {
	switch (state.done) {
		case 'completed':
			return 'ok';
		case 'failed':
			return 'bad';
		case 'timeout':
			return 'warn';
		case 'cancelled':
			return 'muted';
		default:
			return state.rolloutState === 'FAILED' ? 'bad' : 'accent';
	}
}

/**
 * One word for where the watch is: the outcome once done, else the rollout state. A count change
 * starts no new deployment, so ECS keeps saying COMPLETED while tasks start: that reads SCALING here.
 */
export function watchStatus(state: WatchState): string {
	if (state.done) return state.done;
	if (state.polls === 0) return 'starting';
	const steady = state.running === state.desired && state.pending === 0 && state.deployments <= 1;
	if (state.rolloutState === 'COMPLETED' && !steady) return 'SCALING';
	return state.rolloutState ?? 'UNKNOWN';
}

const doneWords: Record<NonNullable<WatchState['done']>, string> = {
	completed: '✓ rollout completed',
	failed: '✗ rollout failed',
	timeout: '⌛ gave up waiting',
	cancelled: 'stopped watching',
};

/** The head of the watch: state, counts, timing; then the events that fit in `height`. */
export function watchLines(state: WatchState, now: number, width: number, height: number): SegmentLine[] {
	const lines: SegmentLine[] = [];
	const tone = watchTone(state);
	lines.push(...paragraph(`Rollout of ${state.service}: ${watchStatus(state)}`, width, tone, true));
	lines.push(
		...labelled(
			'Tasks',
			`running ${state.running}/${state.desired} · pending ${state.pending} · deployments ${state.deployments}${state.taskDefinition ? ` · ${state.taskDefinition}` : ''}`,
			width,
		),
	);
	const timing = state.done
		? `ran ${seconds((state.updatedAt ?? now) - state.startedAt)} · ${state.polls} polls`
		: `watching ${seconds(now - state.startedAt)} · gives up in ${seconds(state.deadline - now)} · ${state.polls} polls`;
	lines.push(...labelled('Watch', `${timing}${state.deploymentId ? ` · deployment ${state.deploymentId}` : ''}`, width, {tone: 'muted'}));
	if (state.rolloutStateReason && !state.done) lines.push(...labelled('Reason', state.rolloutStateReason, width, {tone: 'muted'}));
	if (state.lastError) lines.push(...labelled('Poll', `last poll failed: ${state.lastError}`, width, {tone: 'warn'}));
	if (state.done) lines.push(...labelled('Result', `${doneWords[state.done]}${state.reason ? `: ${state.reason}` : ''}`, width, {tone, bold: true}));
	const room = height - lines.length;
	if (room > 0) {
		const events = state.events;
		lines.push(fitLine([{text: events.length === 0 ? 'No service events since the change yet.' : `Events since the change (${events.length}):`, bold: true}], width));
		// Newest at the bottom, like a log: the latest events are what the engineer waits for.
		const rest = room - 1;
		const fits = events.length <= rest;
		const keep = fits ? events.length : Math.max(0, rest - 1);
		const shown = events.slice(events.length - keep);
		if (!fits && rest > 0) lines.push(fitLine([{text: `▲ ${events.length - keep} earlier`, tone: 'muted'}], width));
		for (const event of shown) lines.push(fitLine(eventRow(event, now), width));
	}
	return lines;
}
