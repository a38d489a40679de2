// The RDS instance's facts, as the database screen's first lines.

import type {DbInstance} from '../port/types.js';
import {sanitize} from './sanitize.js';
import {fitLine, type Segment, type SegmentLine} from './segments.js';

/** "available" is good; a change in progress is worth a look; anything else (failed, storage-full...) is bad. */
export function databaseStatusTone(status: string): Segment['tone'] {
	if (status === 'available') return 'ok';
	if (/^(modifying|backing-up|upgrading|rebooting|maintenance|configuring|renaming|starting|creating|storage-optimization)/.test(status)) return 'warn';
	return 'bad';
}

/** "db.t3.medium", or "db.t3.medium → db.t3.large (pending)" while a modification waits. */
export function databaseClassSegments(db: DbInstance): Segment[] {
	const current: Segment = {text: sanitize(db.instanceClass)};
	if (!db.pendingInstanceClass || db.pendingInstanceClass === db.instanceClass) return [current];
	return [current, {text: ` → ${sanitize(db.pendingInstanceClass)} (pending)`, tone: 'warn'}];
}

export function databaseStorage(db: DbInstance): string {
	if (db.allocatedStorageGb === undefined) return '—';
	return `${db.allocatedStorageGb} GiB${db.storageType ? ` ${sanitize(db.storageType)}` : ''}`;
}

/** Three lines of exactly `width` columns: identity and status, engine and storage, endpoint. */
export function databaseInfoLines(db: DbInstance, width: number): SegmentLine[] {
	const label = (text: string): Segment => ({text, tone: 'muted'});
	const lines: SegmentLine[] = [
		[{text: sanitize(db.id), bold: true}, {text: '  '}, {text: sanitize(db.status), tone: databaseStatusTone(db.status), bold: db.status !== 'available'}, label('   class '), ...databaseClassSegments(db)],
		[
			label('engine '),
			{text: sanitize(`${db.engine}${db.engineVersion ? ` ${db.engineVersion}` : ''}`)},
			label('   storage '),
			{text: databaseStorage(db)},
			label('   Multi-AZ '),
			{text: db.multiAz ? 'yes' : 'no', tone: db.multiAz ? 'ok' : 'warn'},
		],
		[label('endpoint '), {text: db.endpoint ? sanitize(`${db.endpoint.address}:${db.endpoint.port}`) : '— (no endpoint yet)'}],
	];
	return lines.map(line => fitLine(line, width));
}
