// RDS diagnosis: is the database there and available, with its class and its connection limit.
import {isCloudError} from '../port/errors.js';
import type {DbInstance} from '../port/types.js';
import {estimateMaxConnections} from './database-capacity.js';
import type {NativeCall} from './native-call.js';
import {type Finding, listOf, ok, problem, type ReadContext, type ReadOutcome, table, unknown} from './native-result.js';

type Call = Extract<NativeCall, {op: 'rds.describe-db-instances'}>;

// States an instance passes through on its own or during a change: not a fault, not a verdict either.
const transitional = new Set(['modifying', 'backing-up', 'rebooting', 'creating', 'upgrading', 'configuring-enhanced-monitoring', 'maintenance', 'renaming', 'starting', 'storage-optimization', 'resetting-master-credentials']);

export async function describeDbInstances(call: Call, context: ReadContext): Promise<ReadOutcome> {
	let instances: DbInstance[];
	try {
		// aws rds describe-db-instances [--db-instance-identifier DB]
		instances = await context.cloud.databases.describeDbInstances(call.db);
	} catch (error) {
		if (isCloudError(error) && error.kind === 'not-found') instances = [];
		else throw error;
	}
	const rows = [['INSTANCE', 'STATUS', 'CLASS', 'ENGINE', 'MULTI-AZ', 'MAX CONNECTIONS (EST.)', 'PENDING']];
	for (const db of instances) {
		const estimate = estimateMaxConnections(db.instanceClass, db.engine);
		rows.push([db.id, db.status, db.instanceClass, `${db.engine} ${db.engineVersion ?? ''}`.trim(), db.multiAz ? 'yes' : 'no', estimate ? `~${estimate.max}` : '?', db.pendingInstanceClass ?? '-']);
	}
	if (instances.length === 0) {
		return {finding: problem(`Database ${call.db ?? '(any)'} does not exist in this account and region.`, 'no-db'), lines: [`${call.db ?? '(no instances)'}  MISSING`], notes: [], calls: 1};
	}
	const down = instances.filter(db => db.status !== 'available' && !transitional.has(db.status));
	const busy = instances.filter(db => transitional.has(db.status));
	let finding: Finding;
	if (down.length > 0) finding = problem(`${listOf(down.map(db => `${db.id} is ${db.status}`))}: the services cannot use it.`, 'db-not-available', ['database']);
	else if (busy.length > 0) finding = unknown(`${listOf(busy.map(db => `${db.id} is ${db.status}${db.pendingInstanceClass ? ` (to ${db.pendingInstanceClass})` : ''}`))}; check again when it is available.`, 'db-busy');
	else {
		finding = ok(
			instances
				.map(db => {
					const estimate = estimateMaxConnections(db.instanceClass, db.engine);
					return `${db.id} is available (${db.instanceClass}, ${db.engine}${estimate ? `, about ${estimate.max} connections at most` : ''})`;
				})
				.join('; ') + '.',
		);
	}
	const notes = instances.some(db => estimateMaxConnections(db.instanceClass, db.engine)) ? ['Connection limits are estimated from the instance memory (RDS defaults; a parameter group can change them).'] : [];
	return {finding, lines: table(rows), notes, calls: 1};
}
