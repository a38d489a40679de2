import {describe, expect, it} from 'vitest';
import {narrowAccepts, narrowGroups, narrowLabel, nextNarrow, type LogNarrow} from '../../source/discovery/log-narrow.js';
import type {LogDestination} from '../../source/discovery/log-destinations.js';
import {initialLogsState, logsReducer, narrowFromParams} from '../../source/screens/logs/logs-state.js';

const source = {service: 'writer', container: 'app', taskId: '0123456789abcdef0123456789abcdef', revision: 'writer-td:7'};

describe('narrowing the logs', () => {
	it('cycles from the selected line: service, task, revision, everything', () => {
		const byService = nextNarrow(undefined, source);
		expect(byService).toEqual({by: 'service', value: 'writer', service: 'writer'});
		const byTask = nextNarrow(byService, source);
		expect(byTask).toEqual({by: 'task', value: source.taskId, service: 'writer'});
		const byRevision = nextNarrow(byTask, source);
		expect(byRevision).toEqual({by: 'revision', value: 'writer-td:7', service: 'writer'});
		expect(nextNarrow(byRevision, source)).toBeUndefined();
		// A line of another service starts again from its service.
		expect(nextNarrow(byTask, {service: 'reader'})).toEqual({by: 'service', value: 'reader', service: 'reader'});
		// An unmapped line narrows to nothing.
		expect(nextNarrow(byService, undefined)).toBeUndefined();
	});

	it('keeps only the lines of the service, task or revision; unmapped lines only when not narrowed', () => {
		const task: LogNarrow = {by: 'task', value: source.taskId, service: 'writer'};
		expect(narrowAccepts(task, source)).toBe(true);
		expect(narrowAccepts(task, {...source, taskId: 'other'})).toBe(false);
		expect(narrowAccepts({by: 'revision', value: 'writer-td:6', service: 'writer'}, source)).toBe(false);
		expect(narrowAccepts({by: 'service', value: 'reader', service: 'reader'}, source)).toBe(false);
		expect(narrowAccepts({by: 'service', value: 'writer', service: 'writer'}, undefined)).toBe(false);
	});

	it('reads only the groups the service writes to', () => {
		const destinations: LogDestination[] = [
			{service: 'writer', taskDefinition: 'w:1', container: 'app', logGroup: '/ecs/writer', driver: 'awslogs'},
			{service: 'reader', taskDefinition: 'r:1', container: 'app', logGroup: '/shared', driver: 'awslogs'},
		];
		const groups = ['/ecs/writer', '/shared'];
		expect(narrowGroups({by: 'service', value: 'writer', service: 'writer'}, groups, destinations)).toEqual(['/ecs/writer']);
		expect(narrowGroups(undefined, groups, destinations)).toEqual(groups);
		// A service whose groups are not among those read keeps all of them rather than none.
		expect(narrowGroups({by: 'service', value: 'ghost', service: 'ghost'}, groups, destinations)).toEqual(groups);
	});

	it('labels what is shown', () => {
		expect(narrowLabel(undefined)).toBe('every service');
		expect(narrowLabel({by: 'task', value: source.taskId, service: 'writer'})).toBe('task 01234567 of writer');
	});
});

describe('the logs reducer narrows', () => {
	it('starts from the screen params and narrows back to the newest line', () => {
		expect(narrowFromParams({service: 'writer'})).toEqual({by: 'service', value: 'writer', service: 'writer'});
		expect(narrowFromParams({service: 'writer', task: 'abc'})).toEqual({by: 'task', value: 'abc', service: 'writer'});
		expect(narrowFromParams({})).toBeUndefined();
		const paused = {...initialLogsState(), follow: false, cursor: 12, detail: true};
		const narrowed = logsReducer(paused, {type: 'narrow', to: {by: 'service', value: 'writer', service: 'writer'}});
		expect(narrowed).toMatchObject({follow: true, cursor: 0, detail: false, narrow: {value: 'writer'}});
		expect(logsReducer(narrowed, {type: 'narrow', to: undefined}).narrow).toBeUndefined();
	});
});
