import {describe, expect, it} from 'vitest';
import {logDestinationsOf} from '../../source/discovery/log-destinations.js';
import {streamMapper} from '../../source/discovery/stream-source.js';
import type {TaskDefinition} from '../../source/port/types.js';

const definition = (family: string, revision: number, containers: Array<{name: string; logConfiguration?: unknown}>): TaskDefinition => ({
	family,
	revision,
	arn: `arn:aws:ecs:us-east-1:1:task-definition/${family}:${revision}`,
	status: 'ACTIVE',
	containers: containers.map(c => ({name: c.name, image: 'img', extra: c.logConfiguration === undefined ? undefined : {logConfiguration: c.logConfiguration}})),
});

const taskA = '0123456789abcdef0123456789abcdef';
const taskB = 'fedcba9876543210fedcba9876543210';

describe('logDestinationsOf', () => {
	it('reads awslogs and FireLens CloudWatch outputs, and skips other drivers', () => {
		const td = definition('writer', 7, [
			{name: 'app', logConfiguration: {logDriver: 'awslogs', options: {'awslogs-group': '/ecs/writer', 'awslogs-stream-prefix': 'ecs'}}},
			{name: 'sidecar', logConfiguration: {logDriver: 'awsfirelens', options: {Name: 'cloudwatch_logs', log_group_name: '/fl/writer', log_stream_prefix: 'fl-'}}},
			{name: 'splunk', logConfiguration: {logDriver: 'splunk', options: {'splunk-url': 'x'}}},
			{name: 'router', logConfiguration: {logDriver: 'awsfirelens', options: {Name: 'kinesis_firehose'}}},
			{name: 'none'},
		]);
		expect(logDestinationsOf(td, 'writer')).toEqual([
			{service: 'writer', taskDefinition: 'writer:7', container: 'app', logGroup: '/ecs/writer', streamPrefix: 'ecs', driver: 'awslogs'},
			{service: 'writer', taskDefinition: 'writer:7', container: 'sidecar', logGroup: '/fl/writer', streamPrefix: 'fl-', driver: 'awsfirelens'},
		]);
	});

	it('survives a malformed logConfiguration', () => {
		const td = definition('x', 1, [{name: 'a', logConfiguration: 'nonsense'}, {name: 'b', logConfiguration: {logDriver: 'awslogs', options: null}}]);
		expect(logDestinationsOf(td, 'x')).toEqual([]);
	});
});

describe('streamMapper', () => {
	const destinations = [
		...logDestinationsOf(definition('writer', 7, [{name: 'app', logConfiguration: {logDriver: 'awslogs', options: {'awslogs-group': '/shared', 'awslogs-stream-prefix': 'writer'}}}]), 'writer'),
		...logDestinationsOf(definition('reader', 2, [{name: 'app', logConfiguration: {logDriver: 'awslogs', options: {'awslogs-group': '/shared', 'awslogs-stream-prefix': 'reader'}}}]), 'reader'),
		// Two services with the same prefix and container name in one group: only the task id tells.
		...logDestinationsOf(definition('a', 1, [{name: 'app', logConfiguration: {logDriver: 'awslogs', options: {'awslogs-group': '/twins', 'awslogs-stream-prefix': 'ecs'}}}]), 'twin-a'),
		...logDestinationsOf(definition('b', 1, [{name: 'app', logConfiguration: {logDriver: 'awslogs', options: {'awslogs-group': '/twins', 'awslogs-stream-prefix': 'ecs'}}}]), 'twin-b'),
		...logDestinationsOf(definition('fl', 3, [{name: 'log_router', logConfiguration: {logDriver: 'awsfirelens', options: {Name: 'cloudwatch', log_group_name: '/fl', log_stream_prefix: 'svc-'}}}]), 'fl-service'),
	];
	const tasks = new Map([
		[taskA, {service: 'twin-b', taskDefinition: 'b:1'}],
		[taskB, {service: 'writer', taskDefinition: 'writer:6'}],
	]);
	const sourceOf = streamMapper(destinations, tasks);

	it('maps PREFIX/CONTAINER/TASK to the service, container, task and revision', () => {
		expect(sourceOf('/shared', `writer/app/${taskB}`)).toEqual({service: 'writer', container: 'app', taskId: taskB, revision: 'writer:6'});
		expect(sourceOf('/shared', `reader/app/${taskA.replace('0', '9')}`)).toEqual({service: 'reader', container: 'app', taskId: taskA.replace('0', '9')});
	});

	it('tells services apart by the task when the destination is shared', () => {
		expect(sourceOf('/twins', `ecs/app/${taskA}`)).toMatchObject({service: 'twin-b', revision: 'b:1'});
		expect(sourceOf('/twins', `ecs/app/${'1'.repeat(32)}`)).toBeUndefined();
	});

	it('maps FireLens streams by prefix and finds the task id in the tag', () => {
		expect(sourceOf('/fl', `svc-log_router-firelens-${taskB}`)).toMatchObject({service: 'writer', taskId: taskB});
		expect(sourceOf('/fl', 'svc-anything')).toEqual({service: 'fl-service', container: 'log_router'});
	});

	it('leaves unknown groups and streams unmapped', () => {
		expect(sourceOf('/elsewhere', `writer/app/${taskB}`)).toBeUndefined();
		expect(sourceOf('/shared', 'other/app/x')).toBeUndefined();
	});
});
