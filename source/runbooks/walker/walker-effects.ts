// Performs what the walker's reducer asked for: a native read through the port (never a shell), an
// aws CLI command as an argument vector, the fix flow for a change, the clipboard, the list of
// running tasks for a TASK-ID. Each answers with an action; nothing here throws into the UI.
import type {AuditLog} from '../../fixes/audit.js';
import type {AppConfig} from '../../config/app-config.js';
import {clipboardText} from '../../format/sanitize.js';
import {errorMessage} from '../../port/errors.js';
import type {Cloud} from '../../port/types.js';
import type {FixRequest} from '../../fixes/hint.js';
import {findOnPath, runExternal} from '../external.js';
import {allSteps, findIssue, type Runbook} from '../model.js';
import {runNativeStep} from '../native.js';
import type {CliContext} from '../cli-env.js';
import type {Dispatch} from './runbook-session.js';
import type {TaskChoice, WalkerRequest} from './walker-state.js';

export type EffectDeps = {
	cloud: Cloud;
	config: Pick<AppConfig, 'names' | 'write' | 'profile' | 'endpointUrl'>;
	now: () => number;
	runbook: Runbook;
	copyToClipboard(text: string): boolean;
	notify(text: string, tone?: 'info' | 'warn' | 'error'): void;
	/** The fix flow; absent until the shell provides it. */
	proposeFix?: (request: FixRequest) => void;
	/** How long an aws CLI command may run. */
	externalTimeoutMs?: number;
	/** Where an aws CLI change is recorded; without it, changes are refused. */
	audit?: Pick<AuditLog, 'intent' | 'outcome' | 'sessionId'>;
	/** This run's id (in the audit log and the CLI's user agent); the audit log's when absent. */
	sessionId?: string;
};

export const defaultExternalTimeoutMs = 120_000;
/** A picker of tasks, not an inventory: describe at most this many (one DescribeTasks call). */
export const maxTaskChoices = 100;

/**
 * The account the aws CLI is pointed at: the dashboard's own region (as the SDK resolved it),
 * profile and emulator endpoint, never a guide's. Shown in the confirmation.
 */
export function cliContextOf(cloud: Pick<Cloud, 'region'>, config: Pick<AppConfig, 'profile' | 'endpointUrl'>, sessionId: string, env: Readonly<Record<string, string | undefined>> = process.env): CliContext {
	const profile = config.profile ?? (env['AWS_PROFILE'] || undefined);
	return {region: cloud.region, ...(profile === undefined ? {} : {profile}), ...(config.endpointUrl === undefined ? {} : {endpointUrl: config.endpointUrl}), sessionId};
}

/** Why the aws CLI cannot run a step here, or undefined when it can. */
export function awsUnavailable(cloud: Pick<Cloud, 'kind'>, path = process.env.PATH ?? ''): string | undefined {
	// The simulated account lives in this process: the aws CLI would ask a real account instead.
	if (cloud.kind === 'sim') return 'the simulated account (--demo) cannot answer the aws CLI';
	if (!findOnPath('aws', path)) return 'the aws CLI is not on PATH';
	return undefined;
}

export async function listTaskChoices(cloud: Cloud, cluster: string): Promise<TaskChoice[]> {
	// aws ecs list-tasks --cluster CLUSTER --desired-status RUNNING
	const ids = await cloud.services.listTasks(cluster, {desiredStatus: 'RUNNING'});
	if (ids.length === 0) return [];
	// aws ecs describe-tasks --cluster CLUSTER --tasks ID...
	const tasks = await cloud.services.describeTasks(cluster, ids.slice(0, maxTaskChoices));
	return tasks
		.map(task => ({id: task.id, ...(task.service === undefined ? {} : {service: task.service})}))
		.sort((a, b) => (a.service ?? '').localeCompare(b.service ?? '') || a.id.localeCompare(b.id));
}

export function performRequest(request: WalkerRequest, deps: EffectDeps, dispatch: Dispatch): void {
	switch (request.kind) {
		case 'native': {
			const step = allSteps(deps.runbook).find(s => s.id === request.stepId);
			const issue = request.issueId === undefined ? undefined : findIssue(deps.runbook, request.issueId);
			if (!step) return;
			runNativeStep(step, {cloud: deps.cloud, names: deps.config.names, now: deps.now(), runbook: deps.runbook, ...(issue ? {issue} : {})})
				.then(result => dispatch({type: 'finished', runId: request.runId, at: deps.now(), outcome: {kind: 'native', result}, failed: result.error !== undefined}))
				.catch((error: unknown) =>
					// runNativeStep reports failures in its result; this is a bug in a reader, shown in place.
					dispatch({
						type: 'finished',
						runId: request.runId,
						at: deps.now(),
						outcome: {kind: 'native', result: {verdict: {level: 'unknown', reason: `The check failed: ${errorMessage(error)}`}, lines: [], notes: [], calls: 0, error: {kind: 'unknown', message: errorMessage(error)}}},
						failed: true,
					}),
				);
			return;
		}

		case 'external': {
			const title = allSteps(deps.runbook).find(s => s.id === request.stepId)?.title;
			runExternal(request.argv, {
				write: request.write,
				isWriteEnabled: () => deps.config.write,
				timeoutMs: deps.externalTimeoutMs ?? defaultExternalTimeoutMs,
				context: cliContextOf(deps.cloud, deps.config, deps.sessionId ?? deps.audit?.sessionId ?? 'unknown'),
				...(deps.audit ? {audit: deps.audit} : {}),
				...(title === undefined ? {} : {title}),
			}).then(result => dispatch({type: 'finished', runId: request.runId, at: deps.now(), outcome: {kind: 'external', result}, failed: result.status !== 'ok'}));
			return;
		}

		case 'fix': {
			if (deps.proposeFix) deps.proposeFix({hint: request.hint});
			else deps.notify('the fix flow is not available in this build: run the change from the guide by hand', 'warn');
			return;
		}

		case 'copy': {
			// A guide's text and AWS values are untrusted: copied as they would be drawn, lines kept.
			const copied = deps.copyToClipboard(clipboardText(request.text));
			deps.notify(copied ? `copied ${request.what} to the clipboard (OSC 52)` : 'copy is not available on this terminal', copied ? 'info' : 'warn');
			return;
		}

		case 'tasks': {
			listTaskChoices(deps.cloud, deps.config.names.cluster).then(
				items => dispatch({type: 'tasks-loaded', items}),
				(error: unknown) => dispatch({type: 'tasks-failed', error: errorMessage(error)}),
			);
			return;
		}
	}
}
