// The alarms the ACSO account was set up with: CPU and memory on each environment's supervisor,
// database connections in production, and the maintenance flag the guide's composite rule names.

import type {MetricAlarmInput} from '../port/types.js';
import {ACCOUNT_ID, ARN_REGION, clusterName, databaseName, serviceName} from './catalog.js';
import {DAY} from './clock.js';
import {alarmArn} from './ids.js';
import type {World} from './model.js';

const oncallTopic = (env: string) => `arn:aws:sns:${ARN_REGION}:${ACCOUNT_ID}:acso-${env}-oncall`;

function seedInputs(): MetricAlarmInput[] {
	const ecs = (env: string, metricName: string) => ({
		namespace: 'AWS/ECS',
		metricName,
		dimensions: {ClusterName: clusterName(env), ServiceName: serviceName(env, 'supervisor')},
		statistic: 'Average' as const,
		comparisonOperator: 'GreaterThanThreshold' as const,
		actionsEnabled: true,
		extra: {AlarmActions: [oncallTopic(env)], OKActions: [oncallTopic(env)], TreatMissingData: 'missing'},
	});
	const inputs: MetricAlarmInput[] = [];
	for (const env of ['production', 'staging']) {
		const prefix = env === 'production' ? 'ACSO' : 'ACSO-staging';
		inputs.push(
			{name: `${prefix}-HighCPU`, description: `High CPU utilization on the ${env} supervisor`, ...ecs(env, 'CPUUtilization'), periodSeconds: 300, evaluationPeriods: 2, threshold: 80},
			{name: `${prefix}-HighMemory`, description: `High memory utilization on the ${env} supervisor`, ...ecs(env, 'MemoryUtilization'), periodSeconds: 60, evaluationPeriods: 3, threshold: 85},
		);
	}
	inputs.push(
		{
			name: 'ACSO-HighDBConnections',
			description: 'Production database connections approaching max_connections',
			namespace: 'AWS/RDS',
			metricName: 'DatabaseConnections',
			dimensions: {DBInstanceIdentifier: databaseName('production')},
			statistic: 'Average',
			periodSeconds: 300,
			evaluationPeriods: 2,
			threshold: 300,
			comparisonOperator: 'GreaterThanThreshold',
			actionsEnabled: true,
			extra: {AlarmActions: [oncallTopic('production')], TreatMissingData: 'missing'},
		},
		// Named for neither cluster nor database: attributed by its ServiceName alone.
		{
			name: 'orchestration-queue-backlog',
			description: 'Tasks waiting for the service orchestration agent',
			namespace: 'ACSO/Agents',
			metricName: 'QueueBacklog',
			dimensions: {ServiceName: serviceName('production', 'service-orchestration')},
			statistic: 'Maximum',
			periodSeconds: 60,
			evaluationPeriods: 5,
			threshold: 500,
			comparisonOperator: 'GreaterThanThreshold',
			actionsEnabled: true,
			extra: {AlarmActions: [oncallTopic('production')], TreatMissingData: 'notBreaching'},
		},
		// On the metric a metric filter derives from financial-intelligence's own log group.
		{
			name: 'fin-intel-error-burst',
			description: 'Error lines from the financial intelligence agent',
			namespace: 'ACSO/Agents',
			metricName: 'FinancialIntelligenceErrors',
			dimensions: {},
			statistic: 'Sum',
			periodSeconds: 60,
			evaluationPeriods: 3,
			threshold: 200,
			comparisonOperator: 'GreaterThanThreshold',
			actionsEnabled: true,
			extra: {AlarmActions: [oncallTopic('production')], TreatMissingData: 'notBreaching'},
		},
		{
			name: 'ACSO-Maintenance',
			description: 'Production maintenance window flag (suppresses paging)',
			namespace: 'ACSO/Ops',
			metricName: 'MaintenanceMode',
			dimensions: {Environment: 'production'},
			statistic: 'Maximum',
			periodSeconds: 60,
			evaluationPeriods: 1,
			threshold: 1,
			comparisonOperator: 'GreaterThanOrEqualToThreshold',
			actionsEnabled: false,
		},
	);
	return inputs;
}

/** The account's alarms, created well before the sim began; their state is set by initializeAlarms. */
export function seedAlarms(world: World, at: number): void {
	for (const input of seedInputs()) {
		world.alarms.set(input.name, {
			...input,
			kind: 'metric',
			arn: alarmArn(input.name),
			state: 'OK',
			stateReason: 'Unchecked: Initial alarm creation',
			stateUpdatedAt: at - 30 * DAY,
			history: [],
		});
	}
}
