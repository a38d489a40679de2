// Reads a troubleshooting guide written like the ACSO one into a Runbook:
//   ## Area Issues / ### Issue: Title / **Symptoms:** list / **Diagnosis:** and **Resolution:** with
//   fenced bash blocks (the comment above a command is its step title), numbered options
//   `1. **Title:**`, backslash continuations; ### Emergency Commands; ## Recovery Procedures with
//   **When to Use:** and numbered phases; ## Escalation Procedures with its triggers, levels and
//   "Information to Gather". Anything else is skipped with a warning naming the line.
// Hostile input (unclosed fences, huge lines, control characters, 10 MB) loads what it can, in one
// linear pass, or fails with a GuideError naming a line. It never throws anything else.
import type {ResourceNames} from '../port/names.js';
import {type BlockLine, splitBashBlock} from './bash-block.js';
import {classifyLine, closesFence, dedent, hostileCharacter, maxLineLength, shellLanguages, stripBold} from './markdown-lines.js';
import {type Area, type Escalation, type Issue, type Recovery, type Runbook, slug, type Step} from './model.js';
import {buildStep, noteStep} from './step-builder.js';

export type GuideWarning = {line: number; message: string};

export class GuideError extends Error {
	readonly line: number;

	constructor(line: number, message: string) {
		super(`line ${line}: ${message}`);
		this.name = 'GuideError';
		this.line = line;
	}
}

export type LoadedGuide = {runbook: Runbook; warnings: GuideWarning[]};

export type LoadOptions = {
	/** The environment the guide's commands are written for; rewritten to names.env. */
	guideEnv?: string;
};

export const maxGuideBytes = 16 * 1024 * 1024;
const maxWarnings = 100;
const maxSteps = 20_000;
const maxSections = 5_000;

type Section =
	| {kind: 'none'}
	| {kind: 'issue'; issue: Issue; label: string; resolution?: Issue['resolutions'][number]}
	| {kind: 'emergency'}
	| {kind: 'recovery'; recovery: Recovery; label: string; phase?: string}
	| {kind: 'when'; trigger?: Escalation['when'][number]}
	| {kind: 'contacts'; level?: Escalation['levels'][number]}
	| {kind: 'gather'; group?: string}
	| {kind: 'other'};

type Fence = {line: number; indent: number; marker: string; lang: string; lines: BlockLine[]; section: Section};

export function loadGuide(markdown: string, names: ResourceNames, options: LoadOptions = {}): LoadedGuide {
	if (typeof markdown !== 'string') throw new GuideError(1, 'the guide must be text');
	if (markdown.length > maxGuideBytes) {
		throw new GuideError(1, `the guide is ${(markdown.length / 1048576).toFixed(1)} MB; the limit is ${maxGuideBytes / 1048576} MB`);
	}
	if (markdown.trim() === '') throw new GuideError(1, 'the guide is empty');
	const nul = markdown.indexOf('\u0000');
	if (nul >= 0 && nul < 8192) throw new GuideError(lineAt(markdown, nul), 'the file looks binary (it holds a NUL byte): give a markdown guide');

	const warnings: GuideWarning[] = [];
	let dropped = 0;
	const warn = (line: number, message: string) => {
		if (warnings.length < maxWarnings) warnings.push({line, message});
		else dropped++;
	};

	const runbook: Runbook = {title: 'Troubleshooting guide', env: names.env, areas: [], emergency: [], recoveries: [], escalation: {when: [], levels: [], checklist: []}};
	const ids = new Set<string>();
	const nextSuffix = new Map<string, number>();
	// Remembers the next free suffix per base, so a thousand issues with one title stay linear.
	const uniqueId = (base: string) => {
		let id = base;
		let n = nextSuffix.get(base) ?? 2;
		while (ids.has(id)) id = `${base}-${n++}`;
		nextSuffix.set(base, n);
		ids.add(id);
		return id;
	};
	let sections = 0;
	let stepCount = 0;
	/** Counts a step against the cap; false (with one warning) once the cap is reached. */
	const takeStep = (line: number): boolean => {
		if (stepCount >= maxSteps) {
			if (stepCount++ === maxSteps) warn(line, `more than ${maxSteps} commands: the rest of the guide's commands were skipped`);
			return false;
		}
		stepCount++;
		return true;
	};
	let h2: {text: string; kind: 'area' | 'recovery' | 'escalation'; line: number} | undefined;
	let area: Area | undefined;
	let section: Section = {kind: 'none'};
	let fence: Fence | undefined;
	let sawTitle = false;

	const addSteps = (block: Fence) => {
		const place = stepsFor(block.section, block.line);
		if (!place) return;
		for (const item of splitBashBlock(block.lines)) {
			if (!takeStep(item.line)) return;
			const id = `${place.prefix}/${place.steps.length + 1}`;
			if (item.kind === 'note') {
				place.steps.push(noteStep({id, text: item.text, line: item.line, ...(place.group === undefined ? {} : {group: place.group})}));
				continue;
			}
			place.steps.push(
				buildStep(
					{
						id,
						command: item.text,
						line: item.line,
						...(item.title === undefined ? {} : {title: item.title}),
						...(item.context === undefined ? {} : {context: item.context}),
						...(place.heading === undefined ? {} : {heading: place.heading}),
						...(place.group === undefined ? {} : {group: place.group}),
					},
					{names, ...(options.guideEnv === undefined ? {} : {guideEnv: options.guideEnv})},
				),
			);
		}
	};

	/** Where the commands of a fence in `s` go, or undefined (with a warning) when nowhere. */
	const stepsFor = (s: Section, line: number): {steps: Step[]; prefix: string; group?: string; heading?: string} | undefined => {
		switch (s.kind) {
			case 'issue': {
				if (s.label === 'diagnosis') return {steps: s.issue.diagnosis, prefix: `${s.issue.id}/diagnosis`};
				if (s.label === 'resolution') {
					let resolution = s.resolution;
					if (!resolution) {
						resolution = {title: 'Resolution', steps: []};
						s.issue.resolutions.push(resolution);
						s.resolution = resolution;
					}
					return {steps: resolution.steps, prefix: `${s.issue.id}/resolution/${s.issue.resolutions.indexOf(resolution) + 1}`, heading: resolution.title};
				}
				warn(line, `commands of "${s.issue.title}" outside **Diagnosis:** and **Resolution:** were skipped`);
				return undefined;
			}
			case 'emergency':
				return {steps: runbook.emergency, prefix: 'emergency'};
			case 'recovery':
				return {steps: s.recovery.steps, prefix: s.recovery.id, ...(s.phase === undefined ? {} : {group: s.phase, heading: s.phase})};
			case 'gather':
				return {steps: runbook.escalation.checklist, prefix: 'escalation', ...(s.group === undefined ? {} : {group: s.group})};
			default:
				return undefined;
		}
	};

	const lines = markdown.split('\n');
	for (let index = 0; index < lines.length; index++) {
		const lineNo = index + 1;
		let raw = lines[index] as string;
		if (raw.endsWith('\r')) raw = raw.slice(0, -1);
		if (raw.length > maxLineLength) {
			warn(lineNo, `line is ${raw.length} characters long (limit ${maxLineLength}): skipped`);
			if (fence) fence.lines.push({text: '', line: lineNo});
			continue;
		}
		const bad = hostileCharacter(raw);
		if (bad) {
			warn(lineNo, `control or invisible character ${bad}: line skipped${fence ? ' (the command it belongs to may be incomplete)' : ''}`);
			continue;
		}

		if (fence) {
			if (closesFence(raw, fence.marker)) {
				if (shellLanguages.has(fence.lang)) addSteps(fence);
				fence = undefined;
				continue;
			}
			// A heading at the margin means the fence was never closed: stop it here rather than swallow the guide.
			if (/^#{2,3}[ \t]+\S/.test(raw)) {
				warn(fence.line, `the \`\`\` block opened at line ${fence.line} is not closed before the heading at line ${lineNo}: its ${fence.lines.length} lines were skipped`);
				fence = undefined;
			} else {
				fence.lines.push({text: dedent(raw, fence.indent), line: lineNo});
				continue;
			}
		}

		const line = classifyLine(raw);
		switch (line.kind) {
			case 'blank':
			case 'text':
				break;
			case 'fence':
				fence = {line: lineNo, indent: line.indent, marker: line.marker, lang: line.lang, lines: [], section};
				if (!shellLanguages.has(line.lang) && section.kind !== 'none' && section.kind !== 'other') {
					warn(lineNo, `a \`\`\`${line.lang} block is not shell: skipped`);
				}
				break;
			case 'heading': {
				if (line.level === 1) {
					if (!sawTitle && line.text !== '') runbook.title = line.text;
					sawTitle = true;
					section = {kind: 'none'};
				} else if (line.level === 2) {
					const kind = /recovery/i.test(line.text) ? 'recovery' : /escalat/i.test(line.text) ? 'escalation' : 'area';
					h2 = {text: line.text, kind, line: lineNo};
					area = undefined;
					section = {kind: 'none'};
				} else if (line.level === 3) {
					section = openSection(line.text, lineNo);
				}
				break;
			}
			case 'label':
				labelLine(line.label, line.rest, lineNo);
				break;
			case 'numbered':
				numberedLine(line.title, line.indent, lineNo);
				break;
			case 'bullet':
				bulletLine(line.text, line.indent, lineNo);
				break;
		}
	}
	if (fence) warn(fence.line, `the \`\`\` block opened at line ${fence.line} is never closed: its ${fence.lines.length} lines were skipped`);

	function openSection(text: string, lineNo: number): Section {
		if (++sections > maxSections) {
			if (sections === maxSections + 1) warn(lineNo, `more than ${maxSections} sections: the rest of the guide was skipped`);
			return {kind: 'other'};
		}
		const issueMatch = /^Issue:[ \t]*(.*)$/i.exec(text);
		if (issueMatch) {
			const title = (issueMatch[1] as string).trim();
			if (title === '') {
				warn(lineNo, '"### Issue:" without a title: skipped');
				return {kind: 'other'};
			}
			if (!area) {
				const areaTitle = h2 ? h2.text.replace(/\s+issues$/i, '').trim() || h2.text : 'General';
				area = {id: uniqueId(`area-${slug(areaTitle)}`), title: areaTitle, issues: []};
				runbook.areas.push(area);
			}
			const issue: Issue = {id: uniqueId(slug(title)), title, area: area.title, symptoms: [], diagnosis: [], resolutions: [], line: lineNo};
			area.issues.push(issue);
			return {kind: 'issue', issue, label: ''};
		}
		if (h2?.kind === 'recovery') {
			const recovery: Recovery = {id: uniqueId(`recovery-${slug(text)}`), title: text, whenToUse: '', steps: []};
			runbook.recoveries.push(recovery);
			return {kind: 'recovery', recovery, label: ''};
		}
		if (h2?.kind === 'escalation') {
			if (/gather|information/i.test(text)) return {kind: 'gather'};
			if (/contact|level/i.test(text)) return {kind: 'contacts'};
			if (/when/i.test(text)) return {kind: 'when'};
			return {kind: 'other'};
		}
		if (/emergency/i.test(text)) return {kind: 'emergency'};
		return {kind: 'other'};
	}

	function labelLine(label: string, rest: string, lineNo: number) {
		const name = label.toLowerCase();
		if (section.kind === 'issue') {
			if (/^symptoms?$/.test(name)) section.label = 'symptoms';
			else if (/^diagnos(is|es|tics?)$/.test(name)) section.label = 'diagnosis';
			else if (/^resolutions?$|^fix(es)?$|^solutions?$/.test(name)) {
				section.label = 'resolution';
				section.resolution = undefined;
			} else {
				warn(lineNo, `**${label}:** in "${section.issue.title}" is not Symptoms, Diagnosis or Resolution: its content is skipped`);
				section.label = 'other';
			}
		} else if (section.kind === 'recovery') {
			if (/^when to use$/.test(name)) section.recovery.whenToUse = rest;
			section.label = name;
		}
	}

	function numberedLine(title: string, indent: number, lineNo: number) {
		if (section.kind === 'issue' && section.label === 'resolution') {
			const resolution = {title: title || `Option ${section.issue.resolutions.length + 1}`, steps: []};
			section.issue.resolutions.push(resolution);
			section.resolution = resolution;
		} else if (section.kind === 'recovery') {
			section.phase = title;
		} else if (section.kind === 'contacts' && indent < 2) {
			section.level = {title, duties: []};
			runbook.escalation.levels.push(section.level);
		} else if (section.kind === 'issue' && section.label === 'symptoms') {
			section.issue.symptoms.push(title);
		} else if (section.kind === 'issue' && section.label === 'diagnosis') {
			warn(lineNo, `numbered text under **Diagnosis:** of "${section.issue.title}" is not a command: skipped`);
		}
	}

	function bulletLine(text: string, indent: number, lineNo: number) {
		switch (section.kind) {
			case 'issue':
				if (section.label === 'symptoms') section.issue.symptoms.push(text);
				break;
			case 'when': {
				const title = text.startsWith('**') ? stripBold(text) : undefined;
				if (indent < 2 && title !== undefined) {
					section.trigger = {title, conditions: []};
					runbook.escalation.when.push(section.trigger);
				} else if (section.trigger) section.trigger.conditions.push(text);
				else warn(lineNo, 'an escalation condition before any **trigger:** bullet: skipped');
				break;
			}
			case 'contacts':
				if (section.level) section.level.duties.push(text);
				break;
			case 'gather':
				if (indent < 2) section.group = stripBold(text);
				else {
					if (!takeStep(lineNo)) return;
					const id = `escalation/${runbook.escalation.checklist.length + 1}`;
					runbook.escalation.checklist.push(noteStep({id, text, line: lineNo, ...(section.group === undefined ? {} : {group: section.group})}));
				}
				break;
			default:
				break;
		}
	}

	for (const issue of runbook.areas.flatMap(a => a.issues)) {
		if (issue.diagnosis.length === 0) warn(issue.line, `issue "${issue.title}" has no **Diagnosis:** commands`);
		if (issue.resolutions.length === 0) warn(issue.line, `issue "${issue.title}" has no **Resolution:** options`);
		if (issue.symptoms.length === 0) warn(issue.line, `issue "${issue.title}" lists no **Symptoms:**`);
	}
	for (const recovery of runbook.recoveries) {
		if (recovery.steps.length === 0) warn(0, `recovery procedure "${recovery.title}" has no commands`);
	}
	if (dropped > 0) warnings.push({line: 0, message: `and ${dropped} more warnings`});

	const issueCount = runbook.areas.reduce((n, a) => n + a.issues.length, 0);
	if (issueCount === 0 && runbook.emergency.length === 0 && runbook.recoveries.length === 0 && runbook.escalation.checklist.length === 0) {
		const first = warnings[0];
		throw new GuideError(
			first?.line || 1,
			`no troubleshooting content found: expected "### Issue: TITLE" sections with **Diagnosis:** and **Resolution:** bash blocks${first ? ` (first problem: ${first.message})` : ''}`,
		);
	}
	return {runbook, warnings};
}

function lineAt(text: string, offset: number): number {
	let line = 1;
	for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
	return line;
}
