// The cockpit's pure parts: which streams it reads, how lines are counted per revision, the
// verdict, and :deploy's service names.
import {describe, expect, it} from 'vitest';
import {streamMapper} from '../../source/discovery/stream-source.js';
import {classify, revisionRate, streamQueries} from '../../source/model/cockpit-logs.js';
import type {CockpitData} from '../../source/model/cockpit.js';
import {judgeRollout} from '../../source/model/cockpit-verdict.js';
import type {Deployment, Service, Task} from '../../source/port/types.js';
import {pickService} from '../../source/shell/deploy-command.js';
import {markedSparkline, progressBar} from '../../source/format/cockpit.js';

const now = Date.UTC(2026, 10, 28, 12, 0, 30);
const id = (n: number) => n.toString(16).padStart(32, '0');
const task = (n: number, revision: string, extra: Partial<Task> = {}): Task => ({id: id(n), arn: `arn/${id(n)}`, cluster: 'c', service: 'svc', taskDefinition: revision, lastStatus: 'RUNNING', desiredStatus: 'RUNNING', startedAt: now - 600_000, containers: [], ...extra});
const deployment = (status: string, taskDefinition: string, extra: Partial<Deployment> = {}): Deployment => ({id: `d-${taskDefinition}`, status, rolloutState: status === 'PRIMARY' ? 'IN_PROGRESS' : 'COMPLETED', taskDefinition, desiredCount: 1, runningCount: 1, pendingCount: 0, failedTasks: 0, createdAt: now - 600_000, updatedAt: now, ...extra});
const service = (deployments: Deployment[]): Service => ({name: 'svc', arn: 'arn', cluster: 'c', status: 'ACTIVE', desiredCount: 1, runningCount: 2, pendingCount: 0, taskDefinition: deployments[0]!.taskDefinition, deployments, events: []});
const data = (deployments: Deployment[], tasks: Task[], extra: Partial<CockpitData> = {}): CockpitData => ({service: service(deployments), fresh: deployments[0], ...(deployments[1] ? {old: deployments[1]} : {}), deploymentsApi: false, tasks, ...extra});

describe('streamQueries', () => {
	const destinations = [{service: 'svc', taskDefinition: 'svc:5', container: 'app', logGroup: '/g', streamPrefix: 'p', driver: 'awslogs' as const}];
	it('names the exact stream of every task, from the destination of its family', () => {
		expect(streamQueries(destinations, [task(1, 'svc:6'), task(2, 'svc:5')], ['/fallback'])).toEqual([{logGroup: '/g', streams: [`p/app/${id(1)}`, `p/app/${id(2)}`].sort()}]);
	});
	it('reads the whole group (lines then classified by task) where the stream cannot be named', () => {
		expect(streamQueries([{...destinations[0]!, driver: 'awsfirelens'}], [task(1, 'svc:5')], [])).toEqual([{logGroup: '/g'}]);
		expect(streamQueries([], [task(1, 'svc:5')], ['/fallback'])).toEqual([{logGroup: '/fallback'}]);
	});
});

describe('per-revision error rate', () => {
	const mapper = streamMapper([], new Map());
	const revisions = new Map([[id(1), 'svc:6'], [id(2), 'svc:5']]);
	const line = (n: number, taskN: number, message: string, ago: number) =>
		classify({eventId: `e${n}`, timestamp: now - ago, logGroup: '/g', logStream: `p/app/${id(taskN)}`, message}, mapper, revisions)!;
	it('counts ERROR and FATAL per minute for each revision over the same minutes', () => {
		const lines = [line(1, 1, 'ERROR boom', 10_000), line(2, 1, 'FATAL dead', 70_000), line(3, 1, 'INFO fine', 5_000), line(4, 2, 'ERROR old', 130_000), line(5, 1, 'ERROR too old', 10 * 60_000)];
		const tasks = [task(1, 'svc:6'), task(2, 'svc:5')];
		expect(revisionRate(lines, 'svc:6', tasks, now)).toEqual({revision: 'svc:6', perMinute: [0, 0, 0, 1, 1], errors: 2, tasks: 1});
		expect(revisionRate(lines, 'svc:5', tasks, now)).toEqual({revision: 'svc:5', perMinute: [0, 0, 1, 0, 0], errors: 1, tasks: 1});
	});
	it('leaves out lines of streams that name no known task', () => {
		expect(classify({eventId: 'x', timestamp: now, logGroup: '/g', logStream: 'p/app/not-a-task', message: 'ERROR'}, mapper, revisions)).toBeUndefined();
	});
});

describe('judgeRollout', () => {
	const rate = (revision: string, errors: number, tasks = 1) => ({revision, perMinute: [0, 0, 0, 0, errors], errors, tasks});
	const rolling = [deployment('PRIMARY', 'svc:6'), deployment('ACTIVE', 'svc:5')];
	it('is failing with the factor when the new revision logs errors far more often', () => {
		const v = judgeRollout(data(rolling, []), {fresh: rate('svc:6', 20), old: rate('svc:5', 2)});
		expect(v).toMatchObject({kind: 'failing', advice: 'press R to roll back to svc:5'});
		expect(v.reason).toMatch(/^svc:6 logs errors 10\.0× as often as svc:5/);
	});
	it('is progressing when the rates are alike', () => {
		expect(judgeRollout(data(rolling, []), {fresh: rate('svc:6', 2), old: rate('svc:5', 2)}).kind).toBe('progressing');
	});
	it('names the stop reason of failed new tasks first', () => {
		const stopped = task(3, 'svc:6', {lastStatus: 'STOPPED', stopCode: 'TaskFailedToStart', stoppedReason: 'ResourceInitializationError: unable to pull secrets', stoppedAt: now});
		expect(judgeRollout(data(rolling, [stopped]), {}).reason).toBe('1 new task of svc:6 stopped: ResourceInitializationError: unable to pull secrets');
	});
	it('says the circuit breaker is counting', () => {
		const sd = {arn: 'a', cluster: 'c', service: 'svc', status: 'IN_PROGRESS', sourceRevisionArns: [], circuitBreaker: {status: 'MONITORING', failureCount: 2, threshold: 3}};
		expect(judgeRollout(data(rolling, [], {serviceDeployment: sd}), {}).reason).toBe('circuit breaker counting: 2 of 3 failures');
	});
	it('follows a rollback until the old revision is steady, and says so', () => {
		const back = [deployment('PRIMARY', 'svc:5'), deployment('ACTIVE', 'svc:6')];
		expect(judgeRollout(data(back, []), {}).kind).toBe('rolling-back');
		const steady = [deployment('PRIMARY', 'svc:5', {rolloutState: 'COMPLETED'})];
		expect(judgeRollout(data(steady, []), {}, 'svc:6')).toEqual({kind: 'healthy', reason: 'rolled back from svc:6: svc:5 is steady, 1/1 running', advice: 'the rollback is done; the old revision serves again'});
	});
});

describe(':deploy SERVICE', () => {
	const names = {servicePrefix: 'acso-staging-'};
	const services = ['acso-staging-incident-response', 'acso-staging-supervisor'];
	it('takes the short or the full name, or an unambiguous prefix', () => {
		expect(pickService('incident-response', services, names)).toEqual({ok: true, service: 'acso-staging-incident-response'});
		expect(pickService('acso-staging-supervisor', services, names)).toEqual({ok: true, service: 'acso-staging-supervisor'});
		expect(pickService('sup', services, names)).toEqual({ok: true, service: 'acso-staging-supervisor'});
	});
	it('says what is wrong otherwise', () => {
		expect(pickService('', services, names)).toMatchObject({ok: false, error: expect.stringContaining(':deploy needs a service')});
		expect(pickService('nope', services, names)).toMatchObject({ok: false, error: 'no service nope here (try incident-response supervisor)'});
	});
});

describe('cockpit formatters', () => {
	it('draws the progress of running over desired', () => {
		expect(progressBar(1, 2, 16)).toBe('[█████░░░░░] 1/2');
		expect(progressBar(2, 2, 16)).toBe('[██████████] 2/2');
	});
	it('marks the deployment on the sparkline', () => {
		const points = Array.from({length: 10}, (_, i) => ({t: i * 60_000, v: 50}));
		expect(markedSparkline(points, {start: 0, end: 600_000}, 10, 300_000)).toBe('▅▅▅▅▅┃▅▅▅▅');
	});
});
