// The RDS instances: one PostgreSQL database per environment. ModifyDBInstance either applies at
// once (status "modifying" for a few minutes, then "available" with the new class) or waits for
// the weekly maintenance window as a pending modification.

import {CloudError} from '../port/errors.js';
import type {DbInstance, DatabaseModification} from '../port/types.js';
import {ARN_REGION, DB_CLASSES, DB_PROFILES, databaseName, ENVIRONMENTS} from './catalog.js';
import {DAY, MINUTE} from './clock.js';
import {databaseArn} from './ids.js';
import type {SimDatabase, World} from './model.js';

/** How long an applied class change keeps the instance in "modifying" (Multi-AZ failover included). */
export const MODIFY_DURATION = 6 * MINUTE;

export function seedDatabases(world: World, now: number): void {
	for (const env of ENVIRONMENTS) {
		const profile = DB_PROFILES[env];
		const id = databaseName(env);
		world.databases.set(id, {
			env,
			id,
			arn: databaseArn(id),
			status: 'available',
			instanceClass: profile.instanceClass,
			engine: 'postgres',
			engineVersion: profile.engineVersion,
			allocatedStorageGb: profile.allocatedStorageGb,
			storageType: 'gp3',
			multiAz: profile.multiAz,
			endpoint: {address: `${id}.${profile.endpointId}.${ARN_REGION}.rds.amazonaws.com`, port: 5432},
			createdAt: now - (env === 'production' ? 420 : 401) * DAY,
		});
	}
}

export function databaseView(db: SimDatabase): DbInstance {
	return {
		id: db.id,
		arn: db.arn,
		status: db.status,
		instanceClass: db.instanceClass,
		engine: db.engine,
		engineVersion: db.engineVersion,
		allocatedStorageGb: db.allocatedStorageGb,
		storageType: db.storageType,
		multiAz: db.multiAz,
		endpoint: {...db.endpoint},
		pendingInstanceClass: db.pendingInstanceClass,
		createdAt: db.createdAt,
	};
}

function notFound(id: string): CloudError {
	return new CloudError('not-found', `DBInstance ${id} not found.`, {resource: id, code: 'DBInstanceNotFound'});
}

export function describeDbInstances(world: World, id?: string): DbInstance[] {
	if (id === undefined) return [...world.databases.values()].map(databaseView);
	const db = world.databases.get(id);
	if (!db) throw notFound(id);
	return [databaseView(db)];
}

/** The preferred maintenance window: Sundays 03:00-03:30 UTC. */
export function inMaintenanceWindow(t: number): boolean {
	const date = new Date(t);
	return date.getUTCDay() === 0 && date.getUTCHours() === 3 && date.getUTCMinutes() < 30;
}

export function modifyDbInstance(world: World, id: string, change: DatabaseModification): DbInstance {
	const db = world.databases.get(id);
	if (!db) throw notFound(id);
	const wanted = change?.instanceClass;
	if (typeof wanted !== 'string' || !DB_CLASSES.has(wanted)) {
		throw new CloudError(
			'invalid',
			`RDS does not support creating a DB instance with the following combination: DBInstanceClass=${wanted}, Engine=${db.engine}, EngineVersion=${db.engineVersion}, LicenseModel=postgresql-license.`,
			{code: 'InvalidParameterCombination'},
		);
	}
	if (typeof change.applyImmediately !== 'boolean') throw new CloudError('invalid', 'applyImmediately must be true or false.');
	if (db.status !== 'available') {
		throw new CloudError('invalid', `Database instance ${id} is not in available state (it is ${db.status}).`, {code: 'InvalidDBInstanceState'});
	}
	if (wanted === db.instanceClass) {
		db.pendingInstanceClass = undefined;
		return databaseView(db);
	}
	db.pendingInstanceClass = wanted;
	if (change.applyImmediately) startModifying(db, world.time);
	return databaseView(db);
}

function startModifying(db: SimDatabase, at: number): void {
	db.status = 'modifying';
	db.modifyDoneAt = at + MODIFY_DURATION;
}

/** Moves modifications along: finishes applied ones, starts pending ones in the maintenance window. */
export function advanceDatabases(world: World, at: number): void {
	for (const db of world.databases.values()) {
		if (db.status === 'modifying' && db.modifyDoneAt !== undefined && at >= db.modifyDoneAt) {
			db.status = 'available';
			db.instanceClass = db.pendingInstanceClass ?? db.instanceClass;
			db.pendingInstanceClass = undefined;
			db.modifyDoneAt = undefined;
		} else if (db.status === 'available' && db.pendingInstanceClass && inMaintenanceWindow(at)) {
			startModifying(db, at);
		}
	}
}
