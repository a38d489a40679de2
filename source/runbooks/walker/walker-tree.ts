// The walker's levels as pages of rows, computed from the runbook: the area list (with the
// emergency commands, recovery procedures, escalation checklist and any guide warnings), an area's
// issues, an issue's symptoms, diagnosis and resolution options with their steps. Pure: the reducer
// and the view both read the same pages, so what Enter acts on is what is drawn.
import type {GuideWarning} from '../guide-loader.js';
import {allIssues, type Issue, type Runbook, type Step} from '../model.js';

export type WalkerNode =
	| {kind: 'root'}
	| {kind: 'area'; id: string}
	| {kind: 'issue'; id: string}
	| {kind: 'emergency'}
	| {kind: 'recoveries'}
	| {kind: 'recovery'; id: string}
	| {kind: 'escalation'}
	| {kind: 'warnings'};

export type WalkerTree = {runbook: Runbook; warnings: readonly GuideWarning[]};

export type PageRow =
	/** A section title; `resolution` is the option's index in its issue, for the "recommended" mark. */
	| {kind: 'heading'; text: string; resolution?: number}
	| {kind: 'text'; text: string}
	| {kind: 'entry'; title: string; detail: string; node: WalkerNode}
	/** `label` numbers the step on the page: "2" in the diagnosis, "1.1" in the first resolution. */
	| {kind: 'step'; step: Step; label: string; resolution?: number};

export type Page = {
	node: WalkerNode;
	/** This level's word in the breadcrumb. */
	crumb: string;
	/** Shown above the list and never scrolled away: an issue's symptoms, a recovery's "when to use". */
	intro?: {label: string; items: string[]};
	rows: PageRow[];
	issue?: Issue;
};

export const rootCrumb = 'Runbooks';
export const emergencyTitle = 'Emergency commands';
export const recoveriesTitle = 'Recovery procedures';
export const escalationTitle = 'Escalation checklist';
export const warningsTitle = 'Guide warnings';

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function issueDetail(issue: Issue): string {
	const symptoms = issue.symptoms.length > 0 ? issue.symptoms.join(' · ') : 'no symptoms listed';
	return `${count(issue.diagnosis.length, 'check')}, ${count(issue.resolutions.length, 'option')} · ${symptoms}`;
}

function rootRows(tree: WalkerTree): PageRow[] {
	const {runbook} = tree;
	const rows: PageRow[] = runbook.areas.map(area => ({
		kind: 'entry',
		title: area.title,
		detail: `${count(area.issues.length, 'issue')}: ${area.issues.map(i => i.title).join(', ')}`,
		node: {kind: 'area', id: area.id},
	}));
	if (runbook.emergency.length > 0) {
		rows.push({kind: 'entry', title: emergencyTitle, detail: runbook.emergency.map(s => s.title).join(' · '), node: {kind: 'emergency'}});
	}
	if (runbook.recoveries.length > 0) {
		rows.push({kind: 'entry', title: recoveriesTitle, detail: runbook.recoveries.map(r => r.title).join(' · '), node: {kind: 'recoveries'}});
	}
	const escalation = runbook.escalation;
	if (escalation.when.length + escalation.levels.length + escalation.checklist.length > 0) {
		rows.push({
			kind: 'entry',
			title: escalationTitle,
			detail: `when to escalate, ${count(escalation.levels.length, 'contact level')}, ${count(escalation.checklist.length, 'item')} to gather`,
			node: {kind: 'escalation'},
		});
	}
	if (tree.warnings.length > 0) {
		rows.push({kind: 'entry', title: `${warningsTitle} (${tree.warnings.length})`, detail: 'what the loader skipped or found missing, by line', node: {kind: 'warnings'}});
	}
	return rows;
}

/** Steps under headings: a new heading each time the step's group changes. */
function groupedSteps(steps: readonly Step[], fallback?: string): PageRow[] {
	const rows: PageRow[] = [];
	let group: string | undefined;
	steps.forEach((step, i) => {
		const heading = step.group ?? fallback;
		if (heading !== undefined && (i === 0 || heading !== group)) rows.push({kind: 'heading', text: heading});
		group = heading;
		rows.push({kind: 'step', step, label: String(i + 1)});
	});
	return rows;
}

function issueRows(issue: Issue): PageRow[] {
	const rows: PageRow[] = [{kind: 'heading', text: 'Diagnosis'}];
	if (issue.diagnosis.length === 0) rows.push({kind: 'text', text: 'The guide gives no diagnosis commands for this issue.'});
	issue.diagnosis.forEach((step, i) => rows.push({kind: 'step', step, label: String(i + 1)}));
	if (issue.resolutions.length === 0) rows.push({kind: 'heading', text: 'Resolution'}, {kind: 'text', text: 'The guide gives no resolution options for this issue.'});
	issue.resolutions.forEach((resolution, r) => {
		rows.push({kind: 'heading', text: `Resolution ${r + 1}: ${resolution.title}`, resolution: r});
		resolution.steps.forEach((step, i) => rows.push({kind: 'step', step, label: `${r + 1}.${i + 1}`, resolution: r}));
	});
	return rows;
}

function escalationRows(runbook: Runbook): PageRow[] {
	const {when, levels, checklist} = runbook.escalation;
	const rows: PageRow[] = [];
	if (when.length > 0) {
		rows.push({kind: 'heading', text: 'When to escalate'});
		for (const trigger of when) rows.push({kind: 'text', text: `${trigger.title}: ${trigger.conditions.join(', ')}`});
	}
	if (levels.length > 0) {
		rows.push({kind: 'heading', text: 'Contacts'});
		for (const level of levels) rows.push({kind: 'text', text: `${level.title}: ${level.duties.join(', ')}`});
	}
	if (checklist.length > 0) {
		rows.push({kind: 'heading', text: 'Information to gather before escalating'});
		rows.push(...groupedSteps(checklist));
	}
	return rows;
}

/** The page of `node`, or undefined when the runbook has no such area, issue or recovery. */
export function pageOf(tree: WalkerTree, node: WalkerNode): Page | undefined {
	const {runbook} = tree;
	switch (node.kind) {
		case 'root':
			return {node, crumb: rootCrumb, rows: rootRows(tree)};
		case 'area': {
			const area = runbook.areas.find(a => a.id === node.id);
			if (!area) return undefined;
			return {node, crumb: area.title, rows: area.issues.map(issue => ({kind: 'entry', title: issue.title, detail: issueDetail(issue), node: {kind: 'issue', id: issue.id}}))};
		}
		case 'issue': {
			const issue = allIssues(runbook).find(i => i.id === node.id);
			if (!issue) return undefined;
			return {node, crumb: issue.title, intro: {label: 'Symptoms', items: issue.symptoms}, rows: issueRows(issue), issue};
		}
		case 'emergency':
			return {node, crumb: emergencyTitle, rows: runbook.emergency.map((step, i) => ({kind: 'step', step, label: String(i + 1)}))};
		case 'recoveries':
			return {
				node,
				crumb: recoveriesTitle,
				rows: runbook.recoveries.map(r => ({kind: 'entry', title: r.title, detail: r.whenToUse === '' ? count(r.steps.length, 'step') : `when: ${r.whenToUse}`, node: {kind: 'recovery', id: r.id}})),
			};
		case 'recovery': {
			const recovery = runbook.recoveries.find(r => r.id === node.id);
			if (!recovery) return undefined;
			return {
				node,
				crumb: recovery.title,
				...(recovery.whenToUse === '' ? {} : {intro: {label: 'When to use', items: [recovery.whenToUse]}}),
				rows: groupedSteps(recovery.steps),
			};
		}
		case 'escalation':
			return {node, crumb: escalationTitle, rows: escalationRows(runbook)};
		case 'warnings':
			return {
				node,
				crumb: warningsTitle,
				rows: tree.warnings.map(w => ({kind: 'text', text: w.line > 0 ? `line ${w.line}: ${w.message}` : w.message})),
			};
	}
}

/** Indices of the rows the cursor can rest on (entries and steps), in order. */
export function selectableRows(page: Page): number[] {
	const out: number[] = [];
	page.rows.forEach((row, i) => {
		if (row.kind === 'entry' || row.kind === 'step') out.push(i);
	});
	return out;
}

export type Location = {path: WalkerNode[]; trail: number[]; cursor: number};

/**
 * Where a page (an issue) or a step is in the tree: the path from the area list, the cursor each
 * level above had, and the cursor on the page (on the step when one is looked for). Walks the same
 * pages the walker draws, so a guide loaded with --guide is searched exactly like the built-in one.
 */
export function locate(tree: WalkerTree, target: {issueId?: string; stepId?: string}): Location | undefined {
	const matches = (page: Page): number | undefined => {
		if (target.stepId !== undefined) {
			const at = selectableRows(page).findIndex(i => {
				const row = page.rows[i];
				return row?.kind === 'step' && row.step.id === target.stepId;
			});
			if (at >= 0 && (target.issueId === undefined || page.issue?.id === target.issueId)) return at;
			return undefined;
		}
		return page.node.kind === 'issue' && page.node.id === target.issueId ? 0 : undefined;
	};
	const search = (node: WalkerNode, path: WalkerNode[], trail: number[]): Location | undefined => {
		const page = pageOf(tree, node);
		if (!page || path.length > 3) return undefined;
		const here = [...path, node];
		const cursor = matches(page);
		if (cursor !== undefined) return {path: here, trail, cursor};
		const entries = selectableRows(page);
		for (const [n, index] of entries.entries()) {
			const row = page.rows[index];
			if (row?.kind !== 'entry') continue;
			const found = search(row.node, here, [...trail, n]);
			if (found) return found;
		}
		return undefined;
	};
	return search({kind: 'root'}, [], []);
}
