// RDS fix: change the instance class of the database, now or in the next maintenance window.
import type {DbInstance} from '../port/types.js';
import {FixInputError} from './errors.js';
import {checkKnownParams, optionalBoolean, requiredString} from './params.js';
import {makePlan, raiseRisk} from './plan.js';
import {requireTarget} from './targets.js';
import type {Fix, Plan, Target} from './types.js';

type DatabaseTarget = Extract<Target, {kind: 'db'}>;

export const databaseClassRule = {
	max: 64,
	pattern: /^db\.[a-z0-9]+(\.[a-z0-9]+)*$/,
	rule: 'an RDS instance class looks like db.t3.large or db.r6g.xlarge',
};

function databaseClassPlan(target: DatabaseTarget, db: Pick<DbInstance, 'instanceClass' | 'multiAz'>, instanceClass: string, applyImmediately: boolean, undoOf?: string): Plan {
	const previous = db.instanceClass;
	const when = applyImmediately ? 'now' : 'in the next maintenance window';
	const title = `Change ${target.db} from ${previous} to ${instanceClass} ${when}`;
	const warnings = applyImmediately
		? [
				db.multiAz
					? `Applied now: ${target.db} fails over to its standby while the class changes (usually a minute or two of dropped connections).`
					: `Applied now: ${target.db} is unavailable while the class changes (single-AZ: several minutes of downtime).`,
			]
		: [`Applied in the next maintenance window, not now; until then nothing changes.`];
	return makePlan({
		fixId: 'modify-db-class',
		title: undoOf ? `Undo: ${title}` : title,
		risk: applyImmediately ? raiseRisk(modifyDatabaseClass.risk, 'high') : modifyDatabaseClass.risk,
		target,
		resourceName: target.db,
		changes: [
			{field: 'instanceClass', from: previous, to: instanceClass},
			{field: 'applied', from: '-', to: when},
		],
		warnings,
		undoSummary: `Undo changes the class back to ${previous} (${when}, with the same interruption).`,
		...(undoOf === undefined ? {} : {undoOf}),
		steps: [
			{
				apiCall: 'rds:ModifyDBInstance',
				parameters: {DBInstanceIdentifier: target.db, DBInstanceClass: instanceClass, ApplyImmediately: applyImmediately},
				cliArgs: [
					'aws', 'rds', 'modify-db-instance',
					'--db-instance-identifier', target.db,
					'--db-instance-class', instanceClass,
					applyImmediately ? '--apply-immediately' : '--no-apply-immediately',
				],
				// aws rds modify-db-instance --db-instance-identifier ID --db-instance-class CLASS --apply-immediately|--no-apply-immediately
				send: operator => operator.modifyDbInstance(target.db, {instanceClass, applyImmediately}),
			},
		],
		after: results => {
			const db = results[0] as DbInstance | undefined;
			return db
				? {instanceClass: db.instanceClass, status: db.status, ...(db.pendingInstanceClass ? {pendingInstanceClass: db.pendingInstanceClass} : {})}
				: {};
		},
		undo: () => databaseClassPlan(target, {instanceClass, multiAz: db.multiAz}, previous, applyImmediately, title),
	});
}

export const modifyDatabaseClass: Fix = {
	id: 'modify-db-class',
	title: 'Change database instance class',
	risk: 'medium',
	targetKind: 'db',
	summary: 'Scale the RDS instance up or down, now (interrupts connections) or in the maintenance window.',
	params: [
		{name: 'instanceClass', label: 'Instance class', kind: 'string', required: true, help: 'e.g. db.t3.large'},
		{name: 'applyImmediately', label: 'Apply now', kind: 'boolean', required: false, default: false, help: 'Now (interrupts connections) or in the next maintenance window.'},
	],
	async plan(cloud, target, params = {}) {
		const databaseTarget = requireTarget(modifyDatabaseClass.id, target, 'db');
		checkKnownParams(modifyDatabaseClass.id, modifyDatabaseClass.params, params);
		const instanceClass = requiredString(params, 'instanceClass', databaseClassRule);
		const applyImmediately = optionalBoolean(params, 'applyImmediately') ?? false;
		// aws rds describe-db-instances --db-instance-identifier ID
		const db = (await cloud.databases.describeDbInstances(databaseTarget.db)).find(instance => instance.id === databaseTarget.db);
		if (!db) throw new FixInputError(`database ${databaseTarget.db} not found`, 'db');
		if (db.instanceClass === instanceClass) throw new FixInputError(`${db.id} is already ${instanceClass}`, 'instanceClass');
		if (db.status !== 'available') {
			throw new FixInputError(`${db.id} is ${db.status}; RDS accepts a class change only while it is available`, 'db');
		}
		const plan = databaseClassPlan(databaseTarget, db, instanceClass, applyImmediately);
		if (db.pendingInstanceClass !== undefined) {
			plan.warnings.push(`A change to ${db.pendingInstanceClass} is already waiting for the maintenance window; this one replaces it.`);
		}
		return plan;
	},
};
