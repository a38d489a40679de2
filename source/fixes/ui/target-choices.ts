// What the engineer can pick when a runbook step names no target ("roll back the environment": which
// service?). Read from the port when the picker opens; the current environment's resources first.
import type {Target} from '../types.js';
import type {ResourceNames} from '../../port/names.js';
import type {Cloud} from '../../port/types.js';
import type {FlowNeeds} from './flow-state.js';
import {parameterChoices} from './parameter-choices.js';
import {readRoleUses} from '../../model/role-uses.js';
import {readMissingServices} from '../../model/missing-services.js';

export type TargetChoice = {label: string; detail: string; target: Target};

type Readers = Pick<Cloud, 'services' | 'logs' | 'alarms' | 'databases' | 'parameters' | 'roles'>;

export async function loadTargetChoices(cloud: Readers, needs: FlowNeeds, names: ResourceNames): Promise<TargetChoice[]> {
	const cluster = needs.cluster ?? names.cluster;
	switch (needs.kind) {
		case 'service': {
			if (needs.absent) {
				const {missing} = await readMissingServices(cloud.services, cluster, names.servicePrefix);
				return missing.map(service => ({
					label: service.name,
					detail: service.last ? `${service.last.status} · ${service.last.taskDefinition}` : `family ${service.family}, no service`,
					target: {kind: 'service', cluster, service: service.name},
				}));
			}
			// aws ecs list-services --cluster CLUSTER
			const serviceNames = await cloud.services.listServices(cluster);
			// aws ecs describe-services --cluster CLUSTER --services NAME...
			const services = serviceNames.length > 0 ? await cloud.services.describeServices(cluster, serviceNames) : [];
			return services
				.filter(service => service.status !== 'INACTIVE')
				.sort((a, b) => a.name.localeCompare(b.name))
				.map(service => ({
					label: service.name,
					detail: `${service.runningCount}/${service.desiredCount} running · ${service.taskDefinition}`,
					target: {kind: 'service', cluster, service: service.name},
				}));
		}
		case 'task': {
			// aws ecs list-tasks --cluster CLUSTER --desired-status RUNNING
			const ids = await cloud.services.listTasks(cluster, {desiredStatus: 'RUNNING'});
			// aws ecs describe-tasks --cluster CLUSTER --tasks ID...
			const tasks = ids.length > 0 ? await cloud.services.describeTasks(cluster, ids) : [];
			return tasks.map(task => ({
				label: task.id,
				detail: `${task.service ?? '(no service)'} · ${task.lastStatus} · ${task.taskDefinition}`,
				target: {kind: 'task', cluster, taskId: task.id},
			}));
		}
		case 'logGroup': {
			// aws logs describe-log-groups
			const groups = await cloud.logs.describeLogGroups();
			const ours = new Set(names.logGroups);
			return groups
				.sort((a, b) => Number(ours.has(b.name)) - Number(ours.has(a.name)) || a.name.localeCompare(b.name))
				.map(group => ({
					label: group.name,
					detail: group.retentionInDays === undefined ? 'never expires' : `${group.retentionInDays} days`,
					target: {kind: 'logGroup', logGroup: group.name},
				}));
		}
		case 'alarm': {
			// aws cloudwatch describe-alarms
			const alarms = await cloud.alarms.describeAlarms();
			return alarms
				.sort((a, b) => Number(b.state === 'ALARM') - Number(a.state === 'ALARM') || a.name.localeCompare(b.name))
				.map(alarm => ({label: alarm.name, detail: `${alarm.state} · ${alarm.kind}`, target: {kind: 'alarm', alarm: alarm.name}}));
		}
		case 'db': {
			// aws rds describe-db-instances
			const databases = await cloud.databases.describeDbInstances();
			return databases
				.sort((a, b) => Number(b.id === names.db) - Number(a.id === names.db) || a.id.localeCompare(b.id))
				.map(db => ({label: db.id, detail: `${db.status} · ${db.instanceClass}`, target: {kind: 'db', db: db.id}}));
		}
		case 'parameter':
			return parameterChoices(cloud, needs.path ?? `/acso/${names.env}`);
		case 'role': {
			// The roles the services' task definitions name (model/role-uses.ts).
			const {uses} = await readRoleUses(cloud.services, cluster);
			return [...uses]
				.sort(([a], [b]) => a.localeCompare(b))
				.map(([role, named]) => ({label: role, detail: named.slice(0, 2).map(use => `${use.as} of ${use.taskDefinition}`).join(', '), target: {kind: 'role', role}}));
		}
	}
}
