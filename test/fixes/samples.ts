// One valid (target, params) per fix of the catalogue against the fixture account, for the tests
// that run every fix the same way (read-only refusal, audit).
import type {FixId, FixParams, Target} from '../../source/fixes/types.js';
import {callerGroup, cluster, databaseId, driftedParameter, logGroupName, serviceName} from './fake-cloud.js';

const service: Target = {kind: 'service', cluster, service: serviceName};

export const samples: Record<FixId, {target: Target; params: FixParams}> = {
	'force-new-deployment': {target: service, params: {}},
	'set-desired-count': {target: service, params: {desiredCount: 3}},
	rollback: {target: service, params: {}},
	'new-revision': {target: service, params: {memory: 4096}},
	'deploy-revision': {target: service, params: {taskDefinition: '5'}},
	'stop-task': {target: {kind: 'task', cluster, taskId: 'a1b2c3'}, params: {}},
	'put-retention': {target: {kind: 'logGroup', logGroup: logGroupName}, params: {retentionInDays: 90}},
	'create-log-group': {target: {kind: 'logGroup', logGroup: '/aws/acso/production/new'}, params: {}},
	'put-metric-filter': {target: {kind: 'logGroup', logGroup: logGroupName}, params: {filterName: 'FatalCount', filterPattern: 'FATAL', metricName: 'FatalCount', metricNamespace: 'ACSO/Errors'}},
	'put-metric-alarm': {target: {kind: 'alarm', alarm: 'ACSO-HighCPU'}, params: {threshold: 85}},
	'put-composite-alarm': {target: {kind: 'alarm', alarm: 'ACSO-SystemHealth'}, params: {alarmRule: "ALARM('ACSO-HighCPU') OR ALARM('ACSO-HighMemory')"}},
	'modify-db-class': {target: {kind: 'db', db: databaseId}, params: {instanceClass: 'db.t3.large', applyImmediately: true}},
	'restore-parameter': {target: {kind: 'parameter', name: driftedParameter}, params: {}},
	'create-execution-role': {target: {kind: 'role', role: 'acso-production-execution-role'}, params: {}},
	'authorize-ingress': {target: service, params: {sourceGroup: callerGroup}},
	// A service the fixture's cluster lacks, from the supervisor's family.
	'create-service': {target: {kind: 'service', cluster, service: 'acso-production-supervisor-canary'}, params: {taskDefinition: `${serviceName}:7`, desiredCount: 1}},
};
