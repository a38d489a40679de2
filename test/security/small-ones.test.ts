// Finding 7 and the audit trail's file: each check reproduces what the audit found and shows it
// now does no harm.
import {execFileSync} from 'node:child_process';
import {chmodSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {AuditError, createAuditLog} from '../../source/fixes/audit.js';
import {panelMessage} from '../../source/components/cell-line.js';
import {loadFileConfig} from '../../source/config/config-file.js';
import {namesFor} from '../../source/port/names.js';
import {loadRunbook, readGuideFile} from '../../source/runbooks/load-runbook.js';

const dir = mkdtempSync(join(tmpdir(), 'acso-small-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

const context = {env: 'production', region: 'eu-west-1', sessionId: 's-1'};
const intent = {action: 'guide-command', title: 't', apiCall: 'iam:CreateUser', resource: '', cliCommand: 'aws iam create-user --user-name x', parameters: {}};

describe('the audit log file', () => {
	it('is created 0600 and appended to', () => {
		const path = join(dir, 'a', 'audit.jsonl');
		const log = createAuditLog({path, context});
		log.outcome(log.intent(intent), {ok: true});
		expect(statSync(path).mode & 0o777).toBe(0o600);
		expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(2);
	});

	it('does not follow a symlink planted at its path', () => {
		const target = join(dir, 'elsewhere.txt');
		writeFileSync(target, 'precious\n', {mode: 0o600});
		const path = join(dir, 'link.jsonl');
		symlinkSync(target, path);
		const log = createAuditLog({path, context});
		expect(() => log.intent(intent)).toThrow(AuditError);
		expect(() => log.intent(intent)).toThrow(/symbolic link/);
		expect(readFileSync(target, 'utf8')).toBe('precious\n');
	});

	it('refuses a file others can read or write, instead of appending to it', () => {
		const path = join(dir, 'wide.jsonl');
		writeFileSync(path, '');
		chmodSync(path, 0o644);
		expect(() => createAuditLog({path, context}).intent(intent)).toThrow(/mode is 0644.*chmod 600/);
		expect(readFileSync(path, 'utf8')).toBe('');
	});

	it('redacts secret-looking values even when the caller did not', () => {
		const path = join(dir, 'redact.jsonl');
		const log = createAuditLog({path, context});
		log.intent({...intent, parameters: {masterUserPassword: 'hunter2', containerDefinitions: [{environment: [{name: 'DB_URL', value: 'postgres://u:pw@h'}], secrets: [{name: 'K', valueFrom: 'arn:x'}]}]}});
		const text = readFileSync(path, 'utf8');
		expect(text).not.toContain('hunter2');
		expect(text).not.toContain('postgres://u:pw@h');
		expect(text).toContain('"name":"DB_URL","value":"<redacted>"');
		expect(text).toContain('"sessionId":"s-1"');
	});
});

describe('AWS error messages in panels', () => {
	it('are sanitized before they are drawn', () => {
		const [cell] = panelMessage({status: 'error', error: new Error('denied \u001b]0;PWNED\u0007 \u001b[2J')}, 'none');
		expect(cell?.text).toBe('denied \\x1b]0;PWNED\\x07 \\x1b[2J');
	});
});

describe('config file errors', () => {
	it('print no raw control characters', () => {
		const path = join(dir, 'config.json');
		writeFileSync(path, JSON.stringify({'\u001b]0;PWNED\u0007': 1}));
		const result = loadFileConfig(path);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.error).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
		expect(result.error).toContain('\\x1b]0;PWNED\\x07');
		writeFileSync(path, '{"refreshSeconds": \u0007}');
		const broken = loadFileConfig(path);
		expect(!broken.ok && broken.error).not.toMatch(/[\u0000-\u001f]/);
	});
});

describe('--guide', () => {
	it('refuses a FIFO at once instead of hanging at start', () => {
		const fifo = join(dir, 'guide.fifo');
		execFileSync('mkfifo', [fifo]);
		const started = Date.now();
		expect(() => readGuideFile(fifo)).toThrow(/not a regular file \(a named pipe\)/);
		expect(loadRunbook({guidePath: fifo, names: namesFor('production')})).toEqual({ok: false, error: expect.stringMatching(/is not a regular file/)});
		expect(Date.now() - started).toBeLessThan(5000);
	});

	it('refuses a device', () => {
		expect(() => readGuideFile('/dev/zero')).toThrow(/not a regular file \(a device\)/);
	});
});
