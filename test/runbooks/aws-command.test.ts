import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {isPlain, listValues, parseCommand, parseDimensions, parseShorthand, shortForm} from '../../source/runbooks/aws-command.js';
import {evaluateDateCommand, relativeOffset} from '../../source/runbooks/date-substitution.js';
import {tokenize} from '../../source/runbooks/shell-words.js';

const now = Date.UTC(2026, 10, 28, 12, 0, 0);
const parse = (text: string) => parseCommand(text, {now});

describe('parseCommand', () => {
	it('joins backslash-newline continuations and reads service, operation and options', () => {
		const p = parse('aws logs filter-log-events \\\n  --log-group-name "/aws/acso/production/agents" \\\n  --filter-pattern "ERROR OR FATAL"');
		expect(p.program).toBe('aws');
		expect(p.service).toBe('logs');
		expect(p.operation).toBe('filter-log-events');
		expect(p.args['log-group-name']).toEqual(['/aws/acso/production/agents']);
		expect(p.args['filter-pattern']).toEqual(['ERROR OR FATAL']);
		expect(isPlain(p)).toBe(true);
	});

	it("evaluates $(date -d '1 hour ago' +%s)000 against the injected clock", () => {
		const p = parse("aws logs filter-log-events --log-group-name g --start-time $(date -d '1 hour ago' +%s)000");
		expect(p.args['start-time']).toEqual([String(now - 3_600_000)]);
		expect(p.clockOptions).toEqual(['start-time']);
		expect(p.substitutions).toHaveLength(1);
		expect(p.substitutions[0]?.offsetMs).toBe(-3_600_000);
	});

	it('evaluates the ISO forms, with and without a relative date', () => {
		const p = parse("aws cloudwatch get-metric-statistics --start-time $(date -u -d '24 hours ago' +%Y-%m-%dT%H:%M:%S) --end-time $(date -u +%Y-%m-%dT%H:%M:%S)");
		expect(p.args['start-time']).toEqual(['2026-11-27T12:00:00']);
		expect(p.args['end-time']).toEqual(['2026-11-28T12:00:00']);
	});

	it("evaluates $(date -d '30 days ago' +%s)000 inside a longer command", () => {
		const p = parse("aws logs create-export-task --from $(date -d '30 days ago' +%s)000 --to $(date -d '1 day ago' +%s)000");
		expect(p.args.from).toEqual([String(now - 30 * 86_400_000)]);
		expect(p.args.to).toEqual([String(now - 86_400_000)]);
	});

	it('reads leading assignments as the environment of the command', () => {
		const p = parse('ENVIRONMENT=production AWS_REGION=us-west-2 ./scripts/deploy-to-ecs.sh rollback');
		expect(p.env).toEqual({ENVIRONMENT: 'production', AWS_REGION: 'us-west-2'});
		expect(p.program).toBe('./scripts/deploy-to-ecs.sh');
		expect(p.positionals).toEqual(['rollback']);
	});

	it('does not take a quoted NAME=value as an assignment', () => {
		const p = parse("'A=b' echo");
		expect(p.env).toEqual({});
		expect(p.program).toBe('A=b');
	});

	it('keeps --query as an option with its single-quoted value intact', () => {
		const p = parse("aws logs describe-log-groups --log-group-name-prefix \"/aws/acso\" --query 'logGroups[*].{Name:logGroupName,Size:storedBytes}'");
		expect(p.args.query).toEqual(['logGroups[*].{Name:logGroupName,Size:storedBytes}']);
	});

	it('collects several values of one option and repeated options', () => {
		const p = parse('aws cloudwatch describe-alarms --alarm-names "ACSO-HighCPU" "ACSO-HighMemory"');
		expect(p.args['alarm-names']).toEqual(['ACSO-HighCPU', 'ACSO-HighMemory']);
		const d = parse('aws cloudwatch get-metric-statistics --dimensions Name=ServiceName,Value=s --dimensions Name=ClusterName,Value=c');
		expect(parseDimensions(d.args.dimensions)).toEqual({ok: true, dimensions: {ServiceName: 's', ClusterName: 'c'}});
	});

	it('reads statistics written either way', () => {
		expect(listValues(parse('aws cloudwatch x y --statistics Average Maximum').args.statistics)).toEqual(['Average', 'Maximum']);
		expect(listValues(parse('aws cloudwatch x y --statistics Average,Maximum').args.statistics)).toEqual(['Average', 'Maximum']);
	});

	it('reads --option=value and flags', () => {
		const p = parse('aws ecs update-service --cluster=c --service s --force-new-deployment');
		expect(p.args.cluster).toEqual(['c']);
		expect(p.args['force-new-deployment']).toEqual([]);
	});

	it('reads global options before the service', () => {
		const p = parse('aws --region us-east-1 --no-cli-pager bedrock list-foundation-models');
		expect(p.service).toBe('bedrock');
		expect(p.operation).toBe('list-foundation-models');
		expect(p.args.region).toEqual(['us-east-1']);
	});

	it('never treats a quoted word as an option', () => {
		const p = parse('aws logs filter-log-events --filter-pattern "--not-an-option"');
		expect(p.args['filter-pattern']).toEqual(['--not-an-option']);
	});

	it('handles escapes in double quotes and backslashes outside quotes', () => {
		const p = parse('echo "a \\"b\\" \\$HOME" c\\ d');
		expect(p.argv).toEqual(['echo', 'a "b" $HOME', 'c d']);
		expect(p.variables).toEqual([]);
	});

	it('records variables it cannot resolve, as written', () => {
		const p = parse('docker push $ECR_REGISTRY/acso-supervisor:latest "${TAG}"');
		expect(p.argv).toEqual(['docker', 'push', '$ECR_REGISTRY/acso-supervisor:latest', '${TAG}']);
		expect(p.variables).toEqual(['ECR_REGISTRY', 'TAG']);
	});

	it('drops trailing comments', () => {
		expect(parse('aws ecs list-clusters # all of them').argv).toEqual(['aws', 'ecs', 'list-clusters']);
	});

	it.each([
		['cat /tmp/x.json | jq .', '|'],
		['diff expected.json <(aws ssm get-parameters-by-path --path /acso/production)', '<('],
		['aws ecs list-clusters > out.txt', '>'],
		['aws ecs list-clusters && rm -rf /', '&&'],
		['aws ecs list-clusters; reboot', ';'],
		['echo `id`', '`'],
		['sleep 1 &', '&'],
	])('reports %s as unsupported, without running it', (text, construct) => {
		const p = parse(text);
		expect(p.unsupported.map(u => u.construct)).toContain(construct);
		expect(isPlain(p)).toBe(false);
	});

	it('reports cd as unsupported', () => {
		const p = parse('cd infrastructure/cdk');
		expect(p.unsupported[0]?.construct).toBe('cd');
		expect(p.unsupported[0]?.message).toMatch(/changes the shell/);
	});

	it('reports a command substitution it will not evaluate', () => {
		const p = parse('aws ecs describe-tasks --tasks $(aws ecs list-tasks --query x)');
		expect(p.unsupported[0]?.message).toMatch(/only \$\(date/);
		expect(isPlain(p)).toBe(false);
	});

	it.each([
		["echo 'open", /unclosed single quote/],
		['echo "open', /unclosed double quote/],
		['echo $(date', /unclosed \$\(/],
		['', /no command/],
		['A=1', /no command/],
	])('gives a clear error for %j', (text, message) => {
		const p = parse(text);
		expect(p.errors[0]?.message).toMatch(message);
	});

	it('refuses overlong commands with a message', () => {
		const p = parse(`echo ${'a'.repeat(70_000)}`);
		expect(p.errors[0]?.message).toMatch(/limit is 65536/);
	});

	it('names a short form for titles', () => {
		expect(shortForm(parse('aws ecs list-clusters'))).toBe('aws ecs list-clusters');
		expect(shortForm(parse('docker tag a b'))).toBe('docker tag');
	});

	it('never crashes, whatever the input', () => {
		fc.assert(
			fc.property(fc.string({maxLength: 300}), text => {
				const p = parse(text);
				expect(Array.isArray(p.argv)).toBe(true);
			}),
			{numRuns: 2000},
		);
	});

	it('never crashes on shell-flavoured input', () => {
		const pieces = fc.constantFrom('aws', 'ecs', ' ', '\\\n', '"', "'", '$(', ')', '$(date -d \'1 hour ago\' +%s)', '${', '}', '$X', '|', '<(', '--x', '=', '#', '`', '\\', '\n', 'date', '-d', '+%s', 'A=b');
		fc.assert(
			fc.property(fc.array(pieces, {maxLength: 40}), parts => {
				const p = parse(parts.join(''));
				expect(typeof p.program).toBe('string');
			}),
			{numRuns: 3000},
		);
	});

	it('parses what it quotes back: plain words survive', () => {
		fc.assert(
			fc.property(fc.array(fc.stringMatching(/^[A-Za-z0-9_./:-]{1,12}$/), {minLength: 1, maxLength: 8}), words => {
				const quoted = words.map(w => `'${w}'`).join(' ');
				expect(parse(quoted).argv).toEqual(words);
			}),
		);
	});
});

describe('date substitution', () => {
	it.each([
		['1 hour ago', -3_600_000],
		['2 hours ago', -7_200_000],
		['24 hours ago', -86_400_000],
		['30 days ago', -30 * 86_400_000],
		['1 day ago', -86_400_000],
		['5 minutes ago', -300_000],
		['now', 0],
		['yesterday', -86_400_000],
	])('reads %j', (phrase, offset) => {
		expect(relativeOffset(phrase)).toBe(offset);
	});

	it('refuses what it does not understand, with a message', () => {
		expect(evaluateDateCommand(['date', '-d', 'next full moon', '+%s'], now)).toMatchObject({ok: false, message: expect.stringMatching(/not understood/)});
		expect(evaluateDateCommand(['date'], now)).toMatchObject({ok: false, message: expect.stringMatching(/FORMAT/)});
		expect(evaluateDateCommand(['date', '+%Q'], now)).toMatchObject({ok: false, message: expect.stringMatching(/%Q/)});
		expect(evaluateDateCommand(['rm', '-rf'], now)).toMatchObject({ok: false, message: expect.stringMatching(/only \$\(date/)});
	});

	it('formats in UTC and says when -u was missing', () => {
		const r = evaluateDateCommand(['date', '+%Y-%m-%dT%H:%M:%S'], now);
		expect(r).toEqual({ok: true, date: {value: '2026-11-28T12:00:00', offsetMs: 0, utc: false}});
	});
});

describe('tokenize', () => {
	it('stops at the first control operator and keeps the words before it', () => {
		const t = tokenize('aws ecs list-clusters | jq .', {now});
		expect(t.words.map(w => w.value)).toEqual(['aws', 'ecs', 'list-clusters']);
	});

	it('is linear on pathological nesting', () => {
		const text = '$('.repeat(20_000) + ')'.repeat(20_000);
		const t = tokenize(text, {now});
		expect(t.issues.length).toBeGreaterThan(0);
	});
});

describe('shorthand', () => {
	it('reads the metric transformation shorthand', () => {
		expect(parseShorthand('metricName=ErrorCount,metricNamespace=ACSO/Errors,metricValue=1')).toEqual({
			ok: true,
			value: {metricName: 'ErrorCount', metricNamespace: 'ACSO/Errors', metricValue: '1'},
		});
	});

	it('reads JSON and explains bad input', () => {
		expect(parseShorthand('{"a": 1}')).toEqual({ok: true, value: {a: '1'}});
		expect(parseShorthand('novalue')).toMatchObject({ok: false, message: expect.stringMatching(/Key=Value/)});
		expect(parseDimensions(['Name=X'])).toMatchObject({ok: false, message: expect.stringMatching(/Name=...,Value=/)});
		expect(parseDimensions(['[{"Name":"A","Value":"b"}]'])).toEqual({ok: true, dimensions: {A: 'b'}});
	});
});
