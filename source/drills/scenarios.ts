// The drills: one per `### Issue:` of the built-in guide, plus a rollout gone bad. Scenarios are
// data: the fault the simulated account is broken with, the noise beside it, the condition that
// counts as fixed, the ideal path. A scenario without a fault is listed but not playable yet:
// `drill NAME` refuses it with that reason rather than running a drill that cannot be won.
import type {SimFault} from '../sim/index.js';
import type {DrillScenario, IdealStep} from './scenario-types.js';

const prod = (short: string) => `acso-production-${short}`;

/** Noise every drill carries: a second alarm in ALARM that means nothing, and ordinary errors of a healthy service. */
const standardNoise: readonly SimFault[] = [
	{
		kind: 'harmless-alarm',
		name: 'ACSO-ReportExportLag',
		service: prod('financial-intelligence'),
		metricName: 'ReportExportLagSeconds',
		description: 'Nightly report export lag (no datapoints outside the export window)',
	},
	{kind: 'error-lines', service: prod('threat-hunter'), message: 'hunt h-2291 failed: timeout querying CloudTrail Lake (retrying in 30s)', count: 4},
];

/** The runbooks screen from anywhere, then an area and an issue by their places in the guide. */
function openTree(area: number, issue: number, crumb: string): IdealStep[] {
	return [
		{keys: [':'], does: 'open the command line', shows: ':'},
		{keys: ['runbooks', 'enter'], does: 'go to the runbooks', shows: 'ACSO Troubleshooting Guide'},
		{keys: [...Array.from({length: area}, () => 'j'), 'enter'], does: 'open the area', shows: 'Runbooks › '},
		{keys: [...Array.from({length: issue}, () => 'j'), 'enter'], does: 'open the issue', shows: crumb},
	];
}

const notYet = {noise: standardNoise, rightFixes: [], idealPath: [], visible: '', parSeconds: 300, timeLimitMinutes: 20} as const;

export const scenarios: readonly DrillScenario[] = [
	{
		...notYet,
		id: 'deployment-fails-with-service-not-found',
		name: 'Service not found',
		tree: 'deployment-fails-with-service-not-found',
		treeTitle: 'Deployment Fails with "Service Not Found"',
		difficulty: 'easy',
		page: 'deploys to production fail: ServiceNotFoundException',
		fixed: 'the service exists in the cluster the deploy names',
	},
	{
		id: 'container-image-pull-failures',
		name: 'Image pull failures',
		tree: 'container-image-pull-failures',
		treeTitle: 'Container Image Pull Failures',
		difficulty: 'easy',
		page: 'a threat-hunter deploy went out an hour before the build finished: its new tasks never start',
		fault: {kind: 'bad-rollout', service: prod('threat-hunter'), tag: 'v2.4.1', problem: 'missing-image'},
		noise: standardNoise,
		fixed: 'threat-hunter back on a revision whose image exists, at its desired count, no task trying the missing one',
		// The overview's offer once the first new task has failed to start.
		visible: `tasks of ${prod('threat-hunter')}:`,
		rightFixes: [{action: 'rollback', resource: prod('threat-hunter')}, {action: 'deploy-revision', resource: prod('threat-hunter')}],
		idealPath: [
			...openTree(0, 1, 'Runbooks › Deployment › Container Image Pull Failures'),
			{keys: ['enter'], does: 'run "Check stopped tasks for CannotPullContainerError"', shows: '✗ PROBLEM'},
			{keys: [':'], does: 'open the command line: the image will not appear, so roll the deploy back', shows: ':'},
			{keys: [`deploy ${prod('threat-hunter')}`, 'enter'], does: 'open the rollback cockpit of threat-hunter', shows: 'R roll back'},
			{keys: ['R'], does: 'roll back to the revision the old tasks run', shows: `type ${prod('threat-hunter')} to confirm`},
			{keys: [prod('threat-hunter')], does: 'type the service name to confirm', shows: '⏎ sends'},
			{keys: ['enter'], does: 'send the change', shows: '✓ Done'},
		],
		parSeconds: 300,
		timeLimitMinutes: 15,
	},
	{
		...notYet,
		id: 'task-definition-registration-fails',
		name: 'Task definition registration fails',
		tree: 'task-definition-registration-fails',
		treeTitle: 'Task Definition Registration Fails',
		difficulty: 'medium',
		page: 'the pipeline cannot register a new revision: access denied on iam:PassRole',
		fixed: 'a revision with valid role ARNs is registered and deployed',
	},
	{
		id: 'agents-cannot-communicate-with-bedrock',
		name: 'Bedrock access denied',
		tree: 'agents-cannot-communicate-with-bedrock',
		treeTitle: 'Agents Cannot Communicate with Bedrock',
		difficulty: 'medium',
		page: 'incident-response playbooks fail since this morning\u2019s deploy: the agent cannot call its model',
		fault: {
			kind: 'denied-role',
			service: prod('incident-response'),
			role: 'arn:aws:iam::123456789012:role/acso-production-agent-role',
			action: 'bedrock:InvokeModel',
			resource: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0',
			share: 0.3,
		},
		noise: standardNoise,
		fixed: 'no incident-response task runs the revision whose role may not invoke the model; the service at its desired count',
		visible: 'AccessDeniedException',
		rightFixes: [{action: 'rollback', resource: prod('incident-response')}, {action: 'deploy-revision', resource: prod('incident-response')}],
		idealPath: [
			...openTree(1, 0, 'Runbooks › Agent Communication › Agents Cannot Communicate with Bedrock'),
			{keys: ['j', 'enter'], does: 'run "Check agent logs": AccessDeniedException on bedrock:InvokeModel', shows: '✗ PROBLEM'},
			{keys: [':'], does: 'open the command line: the new revision\u2019s role lacks the policy, so roll the deploy back', shows: ':'},
			{keys: [`deploy ${prod('incident-response')}`, 'enter'], does: 'open the rollback cockpit of incident-response', shows: 'R roll back'},
			{keys: ['R'], does: 'roll back to the revision with the working role', shows: `type ${prod('incident-response')} to confirm`},
			{keys: [prod('incident-response')], does: 'type the service name to confirm', shows: '⏎ sends'},
			{keys: ['enter'], does: 'send the change', shows: '✓ Done'},
		],
		parSeconds: 360,
		timeLimitMinutes: 15,
	},
	{
		...notYet,
		id: 'inter-agent-communication-failures',
		name: 'Agents cannot reach each other',
		tree: 'inter-agent-communication-failures',
		treeTitle: 'Inter-Agent Communication Failures',
		difficulty: 'hard',
		page: 'workflows time out waiting for incident-response',
		fixed: 'the agents answer each other again (no timeouts between them)',
	},
	{
		id: 'high-cpu-utilization',
		name: 'High CPU',
		tree: 'high-cpu-utilization',
		treeTitle: 'High CPU Utilization',
		difficulty: 'easy',
		page: 'ACSO-HighCPU is in ALARM: the supervisor is saturated since a burst of new incidents',
		fault: {kind: 'cpu-surge', service: prod('supervisor'), cpuPercent: 92, targetPercent: 70, onsetMinutes: 15},
		noise: standardNoise,
		fixed: 'the supervisor runs enough tasks (or big enough ones) to carry the surge at 70% CPU or less each',
		visible: 't → High CPU Utilization',
		rightFixes: [{action: 'set-desired-count', resource: prod('supervisor')}, {action: 'new-revision', resource: prod('supervisor')}],
		idealPath: [
			{keys: ['t'], does: 'open the tree the overview suggests', shows: 'Runbooks › Performance › High CPU Utilization'},
			{keys: ['enter'], does: 'run "Check CPU metrics"', shows: '✗ PROBLEM'},
			{keys: ['G'], does: 'go to the last step: Resolution 2, increase the desired count', shows: '--desired-count 3'},
			{keys: ['a'], does: 'open its fix: three supervisor tasks', shows: 'Desired count'},
			{keys: ['enter'], does: 'preview the change', shows: `type ${prod('supervisor')} to confirm`},
			{keys: [prod('supervisor')], does: 'type the service name to confirm', shows: '⏎ sends'},
			{keys: ['enter'], does: 'send the change', shows: '✓ Done'},
		],
		parSeconds: 300,
		timeLimitMinutes: 15,
	},
	{
		id: 'memory-leaks',
		name: 'Memory leak',
		tree: 'memory-leaks',
		treeTitle: 'Memory Leaks',
		difficulty: 'easy',
		page: 'ACSO-HighMemory is in ALARM: the supervisor climbs toward its memory limit',
		// Slow enough that memory has sat above 90% for the whole past hour (the guide's hourly check sees
		// it wherever the hour boundary falls), and the first task is killed only some 25 minutes in.
		fault: {kind: 'memory-leak', service: prod('supervisor'), leakMiBPerMin: 8, onsetMinutes: 195},
		noise: standardNoise,
		fixed: 'every leaking supervisor task replaced, the service at its desired count',
		visible: 't → Memory Leaks',
		rightFixes: [{action: 'force-new-deployment', resource: prod('supervisor')}],
		idealPath: [
			{keys: ['t'], does: 'open the tree the overview suggests', shows: 'Runbooks › Performance › Memory Leaks'},
			{keys: ['enter'], does: 'run "Check memory trends"', shows: '✗ PROBLEM'},
			{keys: ['n'], does: 'jump to the recommended resolution (restart the service)', shows: 'update-service'},
			{keys: ['a'], does: 'open its fix: force a new deployment of the supervisor', shows: `type ${prod('supervisor')} to confirm`},
			{keys: [prod('supervisor')], does: 'type the service name to confirm', shows: '⏎ sends'},
			{keys: ['enter'], does: 'send the change', shows: '✓ Done'},
		],
		parSeconds: 420,
		timeLimitMinutes: 15,
	},
	{
		id: 'database-connection-issues',
		name: 'Database connections',
		tree: 'database-connection-issues',
		treeTitle: 'Database Connection Issues',
		difficulty: 'medium',
		page: 'ACSO-HighDBConnections is in ALARM and climbing: the agents will soon be refused connections',
		fault: {kind: 'connection-leak', service: prod('supervisor'), perMinute: 4, max: 160, onsetMinutes: 25},
		noise: standardNoise,
		fixed: 'every supervisor task that leaks connections replaced, the service at its desired count',
		visible: 't → Database Connection Issues',
		rightFixes: [{action: 'force-new-deployment', resource: prod('supervisor')}],
		idealPath: [
			{keys: ['t'], does: 'open the tree the overview suggests', shows: 'Runbooks › Performance › Database Connection Issues'},
			{keys: ['j', 'j', 'enter'], does: 'run "Monitor database performance" (the connections against the instance’s limit)', shows: '✗ PROBLEM'},
			{keys: ['j', 'j'], does: 'go to Resolution 1: restart the services (their pools are leaking)', shows: '--force-new-deployment'},
			{keys: ['a'], does: 'open its fix: force a new deployment of the supervisor', shows: `type ${prod('supervisor')} to confirm`},
			{keys: [prod('supervisor')], does: 'type the service name to confirm', shows: '⏎ sends'},
			{keys: ['enter'], does: 'send the change', shows: '✓ Done'},
		],
		parSeconds: 420,
		timeLimitMinutes: 15,
	},
	{
		...notYet,
		id: 'authentication-failures',
		name: 'Authentication failures',
		tree: 'authentication-failures',
		treeTitle: 'Authentication Failures',
		difficulty: 'hard',
		page: 'agents log AccessDenied on the calls they make',
		fixed: 'the role has the permissions again (no access-denied on the calls)',
	},
	{
		...notYet,
		id: 'network-security-violations',
		name: 'Network security',
		tree: 'network-security-violations',
		treeTitle: 'Network Security Violations',
		difficulty: 'hard',
		page: 'connections refused between agents after a security group change',
		fixed: 'the security group allows the agents\u2019 port again',
	},
	{
		id: 'missing-metrics',
		name: 'Missing metrics',
		tree: 'missing-metrics',
		treeTitle: 'Missing Metrics',
		difficulty: 'medium',
		page: 'the production error-rate dashboard went flat: ACSO/Errors ErrorCount has no data since this morning',
		fault: {kind: 'metric-filter-deleted', logGroup: '/aws/acso/production/agents', filterName: 'ErrorCount', metricName: 'ErrorCount', metricNamespace: 'ACSO/Errors'},
		noise: standardNoise,
		fixed: 'a metric filter on the agents log group publishes ACSO/Errors ErrorCount again',
		visible: 'PAGE:',
		rightFixes: [{action: 'put-metric-filter', resource: '/aws/acso/production/agents'}],
		idealPath: [
			...openTree(4, 0, 'Runbooks › Monitoring and Alerting › Missing Metrics'),
			{keys: ['j', 'enter'], does: 'run "Check metric filters"', shows: '✗ PROBLEM'},
			{keys: ['n'], does: 'jump to the recommended resolution (update metric filters)', shows: 'put-metric-filter'},
			{keys: ['a'], does: 'open its fix: the ErrorCount filter on the agents log group', shows: 'Filter name'},
			{keys: ['enter'], does: 'preview the change', shows: 'type /aws/acso/production/agents to confirm'},
			{keys: ['/aws/acso/production/agents'], does: 'type the log group to confirm', shows: '⏎ sends'},
			{keys: ['enter'], does: 'send the change', shows: '✓ Done'},
		],
		parSeconds: 240,
		timeLimitMinutes: 10,
	},
	{
		id: 'alert-fatigue',
		name: 'Alert fatigue',
		tree: 'alert-fatigue',
		treeTitle: 'Alert Fatigue',
		difficulty: 'medium',
		page: 'ACSO-HighCPU has paged a dozen times this hour and cleared each time; on-call has muted their phone',
		fault: {kind: 'flapping-alarm', alarm: 'ACSO-HighCPU', sinceMinutes: 60, minPeriods: 3, minThreshold: 80},
		noise: standardNoise,
		fixed: 'ACSO-HighCPU needs a sustained breach again: three evaluation periods or more, threshold 80% or above, still on the supervisor',
		visible: 'PAGE:',
		rightFixes: [{action: 'put-metric-alarm', resource: 'ACSO-HighCPU'}],
		idealPath: [
			...openTree(4, 1, 'Runbooks › Monitoring and Alerting › Alert Fatigue'),
			{keys: ['enter'], does: 'run "Review alarm history"', shows: '✗ PROBLEM'},
			{keys: ['n'], does: 'jump to the recommended resolution (tune the threshold)', shows: 'put-metric-alarm'},
			{keys: ['a'], does: 'open its fix: threshold 85, three 5-minute periods', shows: 'Threshold'},
			{keys: ['enter'], does: 'preview the change', shows: 'type ACSO-HighCPU to confirm'},
			{keys: ['ACSO-HighCPU'], does: 'type the alarm name to confirm', shows: '⏎ sends'},
			{keys: ['enter'], does: 'send the change', shows: '✓ Done'},
		],
		parSeconds: 240,
		timeLimitMinutes: 10,
	},
	{
		id: 'log-retention-problems',
		name: 'Log retention',
		tree: 'log-retention-problems',
		treeTitle: 'Log Retention Problems',
		difficulty: 'easy',
		page: 'the CloudWatch Logs bill doubled this month: production logs are kept forever',
		fault: {kind: 'no-retention', logGroup: '/aws/acso/production/agents', minDays: 7},
		noise: standardNoise,
		fixed: 'the production agents log group has a retention policy of a week or more',
		visible: 'PAGE:',
		rightFixes: [{action: 'put-retention', resource: '/aws/acso/production/agents'}],
		idealPath: [
			...openTree(5, 0, 'Runbooks › Data and Storage › Log Retention Problems'),
			{keys: ['enter'], does: 'run "Check log group retention settings"', shows: '✗ PROBLEM'},
			{keys: ['n'], does: 'jump to the recommended resolution (set a retention)', shows: 'put-retention-policy'},
			{keys: ['a'], does: 'open its fix: a retention policy on the agents log group (90 days)', shows: 'Retention (days)'},
			{keys: ['enter'], does: 'preview the change', shows: 'type /aws/acso/production/agents to confirm'},
			{keys: ['/aws/acso/production/agents'], does: 'type the log group to confirm', shows: '⏎ sends'},
			{keys: ['enter'], does: 'send the change', shows: '✓ Done'},
		],
		parSeconds: 180,
		timeLimitMinutes: 10,
	},
	{
		...notYet,
		id: 'configuration-drift',
		name: 'Configuration drift',
		tree: 'configuration-drift',
		treeTitle: 'Configuration Drift',
		difficulty: 'medium',
		page: 'a service runs a desired count nobody asked for',
		fixed: 'the service matches its expected configuration',
	},
	{
		id: 'rollout-gone-bad',
		name: 'Rollout gone bad',
		tree: 'deploy',
		treeTitle: 'Rollback cockpit',
		difficulty: 'medium',
		page: 'incident-response v2.4.2 is rolling out; playbooks started failing minutes later',
		fault: {kind: 'bad-rollout', service: prod('incident-response'), tag: 'v2.4.2', problem: 'regressed', errorShare: 0.3, bakeMinutes: 30},
		noise: standardNoise,
		fixed: 'incident-response back on the old revision, no task running v2.4.2, at its desired count',
		visible: `rolling out ${prod('incident-response')}:`,
		rightFixes: [{action: 'rollback', resource: prod('incident-response')}, {action: 'deploy-revision', resource: prod('incident-response')}],
		idealPath: [
			{keys: ['t'], does: 'open the rollback cockpit the overview offers', shows: 'FAILING'},
			{keys: ['R'], does: 'roll back: the new revision logs errors several times as often as the old', shows: `type ${prod('incident-response')} to confirm`},
			{keys: [prod('incident-response')], does: 'type the service name to confirm', shows: '⏎ sends'},
			{keys: ['enter'], does: 'send the change', shows: '✓ Done'},
		],
		parSeconds: 300,
		timeLimitMinutes: 15,
	},
];

export function scenarioById(id: string): DrillScenario | undefined {
	return scenarios.find(scenario => scenario.id === id);
}

/** Why the scenario cannot be played yet, or undefined when it can. */
export function unplayable(scenario: DrillScenario): string | undefined {
	return scenario.fault ? undefined : `the simulated account cannot break the way "${scenario.name}" needs yet`;
}

export function playableScenarios(): DrillScenario[] {
	return scenarios.filter(scenario => unplayable(scenario) === undefined);
}
