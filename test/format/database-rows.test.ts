import {describe, expect, it} from 'vitest';
import {databaseInfoLines, databaseStatusTone, databaseStorage} from '../../source/format/database-rows.js';
import {lineWidth, type SegmentLine} from '../../source/format/segments.js';
import type {DbInstance} from '../../source/port/types.js';

const text = (line: SegmentLine) => line.map(s => s.text).join('');
const db: DbInstance = {
	id: 'acso-production-db',
	arn: 'arn:aws:rds:eu-west-1:1:db:acso-production-db',
	status: 'available',
	instanceClass: 'db.t3.medium',
	engine: 'postgres',
	engineVersion: '15.4',
	allocatedStorageGb: 100,
	storageType: 'gp3',
	multiAz: true,
	endpoint: {address: 'acso-production-db.abc.eu-west-1.rds.amazonaws.com', port: 5432},
};

describe('database info', () => {
	it('shows status, class, engine, storage, Multi-AZ and endpoint in three lines of the width', () => {
		const lines = databaseInfoLines(db, 100);
		expect(lines).toHaveLength(3);
		for (const line of lines) expect(lineWidth(line)).toBe(100);
		expect(text(lines[0]!)).toMatch(/^acso-production-db {2}available {3}class db\.t3\.medium/);
		expect(text(lines[1]!)).toMatch(/^engine postgres 15\.4 {3}storage 100 GiB gp3 {3}Multi-AZ yes/);
		expect(text(lines[2]!)).toMatch(/^endpoint acso-production-db\.abc\.eu-west-1\.rds\.amazonaws\.com:5432/);
	});

	it('shows a pending class change and a single-AZ instance as warnings', () => {
		const lines = databaseInfoLines({...db, pendingInstanceClass: 'db.t3.large', multiAz: false, endpoint: undefined}, 100);
		expect(text(lines[0]!)).toContain('db.t3.medium → db.t3.large (pending)');
		expect(lines[0]!.find(s => s.text.includes('pending'))?.tone).toBe('warn');
		expect(lines[1]!.find(s => s.text === 'no')?.tone).toBe('warn');
		expect(text(lines[2]!)).toContain('no endpoint yet');
	});

	it('colours the status by what it means', () => {
		expect(databaseStatusTone('available')).toBe('ok');
		expect(databaseStatusTone('modifying')).toBe('warn');
		expect(databaseStatusTone('storage-full')).toBe('bad');
		expect(databaseStorage({...db, allocatedStorageGb: undefined})).toBe('—');
	});

	it('sanitizes and fits narrow widths', () => {
		const lines = databaseInfoLines({...db, id: 'db\u001B[2J', engineVersion: '1\u0007'}, 30);
		for (const line of lines) expect(lineWidth(line)).toBe(30);
		expect(text(lines[0]!)).toContain('db\\x1b[2J');
	});
});
