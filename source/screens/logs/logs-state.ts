// The logs screen's own state as a reducer, tested directly. The lines themselves live in the
// LogStore; this holds how they are looked at.

import type {LogNarrow} from '../../discovery/log-narrow.js';
import {defaultLogWindowMs} from '../../hooks/use-log-tail.js';
import {defaultLogPattern} from '../../logs/log-store.js';

export const logWindows = [
	{label: '5m', ms: 5 * 60_000},
	{label: '15m', ms: defaultLogWindowMs},
	{label: '1h', ms: 60 * 60_000},
	{label: '3h', ms: 3 * 60 * 60_000},
] as const;


export type LogsState = {
	/** Following: the view sticks to the newest line. */
	follow: boolean;
	/** Selected line, as an index from the oldest buffered line. */
	cursor: number;
	wrap: boolean;
	pattern: string;
	windowIndex: number;
	editing: boolean;
	draft: string;
	/** The JSON/detail view of the selected line. */
	detail: boolean;
	/** The first wrapped row of the detail view: a long message is read page by page. */
	detailTop: number;
	/** One service, task or revision only; every line when undefined. */
	narrow?: LogNarrow;
};

export type LogsAction =
	| {type: 'move'; delta: number; size: number}
	| {type: 'top'}
	| {type: 'bottom'; size: number}
	| {type: 'toggle-follow'; size: number}
	| {type: 'toggle-wrap'}
	| {type: 'cycle-window'}
	| {type: 'edit'}
	| {type: 'draft'; text: string}
	| {type: 'cancel-edit'}
	| {type: 'apply-pattern'; pattern: string}
	| {type: 'toggle-detail'}
	/** `more`: whether rows follow the page shown, so scrolling down stops at the end. */
	| {type: 'detail-scroll'; delta: number; more: boolean}
	| {type: 'shifted'; by: number}
	| {type: 'narrow'; to: LogNarrow | undefined}
	| {type: 'select'; index: number};

export function initialLogsState(pattern = defaultLogPattern, narrow?: LogNarrow): LogsState {
	return {follow: true, cursor: 0, wrap: false, pattern, windowIndex: 1, editing: false, draft: pattern, detail: false, detailTop: 0, ...(narrow ? {narrow} : {})};
}

/** The narrowing a screen was opened with: `service`, and optionally `task` or `revision`. */
export function narrowFromParams(params: Record<string, string>): LogNarrow | undefined {
	const service = params.service;
	if (!service) return undefined;
	if (params.task) return {by: 'task', value: params.task, service};
	if (params.revision) return {by: 'revision', value: params.revision, service};
	return {by: 'service', value: service, service};
}

const clamp = (n: number, size: number) => Math.max(0, Math.min(Math.max(0, size - 1), n));

export function logsReducer(state: LogsState, action: LogsAction): LogsState {
	switch (action.type) {
		case 'move': {
			// Scrolling up leaves follow mode; scrolling back to the newest line resumes it.
			const cursor = clamp((state.follow ? action.size - 1 : state.cursor) + action.delta, action.size);
			return {...state, cursor, follow: cursor >= action.size - 1 && action.delta > 0};
		}

		case 'top': {
			return {...state, cursor: 0, follow: false};
		}

		case 'bottom': {
			return {...state, cursor: clamp(action.size - 1, action.size), follow: true};
		}

		case 'toggle-follow': {
			return state.follow ? {...state, follow: false, cursor: clamp(action.size - 1, action.size)} : {...state, follow: true};
		}

		case 'toggle-wrap': {
			return {...state, wrap: !state.wrap};
		}

		case 'cycle-window': {
			return {...state, windowIndex: (state.windowIndex + 1) % logWindows.length, follow: true};
		}

		case 'edit': {
			return {...state, editing: true, draft: state.pattern, detail: false};
		}

		case 'draft': {
			return {...state, draft: action.text};
		}

		case 'cancel-edit': {
			return {...state, editing: false, draft: state.pattern};
		}

		case 'apply-pattern': {
			return {...state, editing: false, pattern: action.pattern, draft: action.pattern, follow: true, cursor: 0};
		}

		case 'toggle-detail': {
			return {...state, detail: !state.detail, detailTop: 0};
		}

		case 'detail-scroll': {
			if (action.delta > 0 && !action.more) return state;
			return {...state, detailTop: Math.max(0, state.detailTop + action.delta)};
		}

		case 'narrow': {
			// Another set of lines: start at the newest of them.
			const {narrow: _dropped, ...rest} = state;
			return {...rest, ...(action.to ? {narrow: action.to} : {}), follow: true, cursor: 0, detail: false};
		}

		case 'select': {
			// A line picked elsewhere (the overview's error tail): held still, so it stays in sight.
			return action.index < 0 ? state : {...state, follow: false, cursor: action.index};
		}

		case 'shifted': {
			// Old lines fell off the buffer: keep the same line selected while paused.
			return state.follow ? state : {...state, cursor: Math.max(0, state.cursor - action.by)};
		}
	}
}

/** The selected index: the newest line while following. */
export function selectedIndex(state: LogsState, size: number): number {
	return state.follow ? Math.max(0, size - 1) : clamp(state.cursor, size);
}
