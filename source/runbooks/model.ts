// The runbook tree: areas -> issues -> diagnosis and resolution steps, plus the guide's emergency
// commands, recovery procedures and escalation checklist. Plain data (no functions), so a runbook
// serialises, compares in tests and can come from the built-in guide or from `--guide FILE`.
import type {FixHint} from '../fixes/hint.js';
import type {NativeCall} from './native-call.js';
import type {Placeholder} from './placeholders.js';

export type Effect = 'read' | 'write';

/**
 * native: acso-tui runs it through the port (no shell, no aws CLI), or, for a write, the fixes
 * catalogue runs its `fix`; external: acso-tui can run it with the aws CLI as an argument vector;
 * manual: the engineer runs it (scripts, docker, cdk, pipes, interactive sessions, prose).
 */
export type Runner = 'native' | 'external' | 'manual';

/**
 * Where a parameter's value comes from: the environment's resource names, the guide's text as
 * written, a default acso-tui chose where the guide says nothing, the injected clock, or a
 * placeholder the engineer must fill in.
 */
export type ParamSource = 'environment' | 'guide' | 'default' | 'clock' | 'placeholder';

export type StepParam = {
	value: string;
	source: ParamSource;
	/** Why the value is what it is, when that is not obvious (e.g. a default window, an added dimension). */
	note?: string;
};

/** Well-known keys: cluster, service, logGroup, db, taskId, timeWindow, pattern, alarmNames, ... */
export type StepParams = Record<string, StepParam>;

export type Step = {
	/** Unique within the runbook, stable across runs: "memory-leaks/diagnosis/1". */
	id: string;
	/** The comment above the command in the guide, or the command's short form. */
	title: string;
	/** The command as the guide writes it, with the environment substituted; '' for a prose-only step. */
	command: string;
	effect: Effect;
	runner: Runner;
	params: StepParams;
	/** For native read steps: the call acso-tui makes (times relative to when it runs). */
	call?: NativeCall;
	/** For write steps that correspond to a typed fix: which one, for whom, with what. */
	fix?: FixHint;
	/** Values the engineer must supply before an external or manual command can run. */
	placeholders?: Placeholder[];
	/** Why the step is manual, how the guide's command was adjusted, what to watch out for. */
	notes?: string[];
	/** Needs a terminal of its own (`aws ecs execute-command --interactive`); never captured. */
	interactive?: boolean;
	/** A numbered phase of a recovery procedure, or a heading of the escalation checklist. */
	group?: string;
	/** 'guide' for steps from the markdown; 'acso-tui' for checks the built-in runbook adds. */
	origin: 'guide' | 'acso-tui';
	/** 1-based line of the command in the markdown it came from (0 for added steps). */
	line: number;
};

export type Resolution = {
	title: string;
	steps: Step[];
};

export type Issue = {
	/** Slug of the title: "memory-leaks". */
	id: string;
	title: string;
	area: string;
	symptoms: string[];
	diagnosis: Step[];
	resolutions: Resolution[];
	line: number;
};

export type Area = {
	id: string;
	/** "Deployment" (the guide's "Deployment Issues" without the suffix). */
	title: string;
	issues: Issue[];
};

export type Recovery = {
	id: string;
	title: string;
	whenToUse: string;
	steps: Step[];
};

export type EscalationLevel = {
	title: string;
	duties: string[];
};

export type EscalationTrigger = {
	/** "Immediate Escalation" */
	title: string;
	conditions: string[];
};

export type Escalation = {
	when: EscalationTrigger[];
	levels: EscalationLevel[];
	/** "Information to Gather Before Escalating": commands, and the timeline questions as manual steps. */
	checklist: Step[];
};

export type Runbook = {
	title: string;
	/** The environment the commands were written for after substitution (names.env). */
	env: string;
	areas: Area[];
	emergency: Step[];
	recoveries: Recovery[];
	escalation: Escalation;
};

export type VerdictLevel = 'ok' | 'problem' | 'unknown';

/** What a diagnosis concluded, in a sentence, and which resolution of its issue to try. */
export type Verdict = {
	level: VerdictLevel;
	reason: string;
	/** Machine-readable finding, e.g. "no-cluster", "cpu-high", "memory-rising". */
	finding?: string;
	/** Index into the issue's resolutions, with its title. */
	recommends?: {index: number; title: string};
	/** Other issues of the runbook the data points at (an alarm on memory -> "memory-leaks"). */
	seeAlso?: {issueId: string; title: string}[];
};

/** Every step of a runbook, in tree order, for walking and for tests. */
export function allSteps(runbook: Runbook): Step[] {
	const steps: Step[] = [...runbook.emergency];
	for (const area of runbook.areas) {
		for (const issue of area.issues) {
			steps.push(...issue.diagnosis);
			for (const resolution of issue.resolutions) steps.push(...resolution.steps);
		}
	}
	for (const recovery of runbook.recoveries) steps.push(...recovery.steps);
	steps.push(...runbook.escalation.checklist);
	return steps;
}

export function allIssues(runbook: Runbook): Issue[] {
	return runbook.areas.flatMap(area => area.issues);
}

export function findIssue(runbook: Runbook, id: string): Issue | undefined {
	return allIssues(runbook).find(issue => issue.id === id);
}

/** "Deployment Fails with \"Service Not Found\"" -> "deployment-fails-with-service-not-found". */
export function slug(text: string): string {
	const s = text
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
	return s === '' ? 'untitled' : s.slice(0, 80);
}
