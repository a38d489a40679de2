// Past report cards, one JSON line each in $XDG_STATE_HOME/acso-tui/drills.jsonl (else
// ~/.local/state/acso-tui/drills.jsonl), beside the audit log. A line that cannot be read is
// counted and skipped, never fatal: the rest of the history still shows.
import {appendFileSync, mkdirSync, readFileSync} from 'node:fs';
import {homedir} from 'node:os';
import {dirname, isAbsolute, join} from 'node:path';
import type {ReportCard} from './score.js';

export function drillHistoryPath(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
	const state = env.XDG_STATE_HOME;
	const base = state && isAbsolute(state) ? state : join(home, '.local', 'state');
	return join(base, 'acso-tui', 'drills.jsonl');
}

export function appendCard(path: string, card: ReportCard): void {
	mkdirSync(dirname(path), {recursive: true, mode: 0o700});
	appendFileSync(path, `${JSON.stringify(card)}\n`, {mode: 0o600});
}

export type History = {cards: ReportCard[]; unreadable: number};

function isCard(value: unknown): value is ReportCard {
	if (typeof value !== 'object' || value === null) return false;
	const card = value as Record<string, unknown>;
	return card.schema === 1 && typeof card.scenario === 'string' && typeof card.score === 'number' && typeof card.startedAt === 'string' && typeof card.outcome === 'string';
}

export function readHistory(path: string): History {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {cards: [], unreadable: 0};
		throw error;
	}
	const cards: ReportCard[] = [];
	let unreadable = 0;
	for (const line of text.split('\n')) {
		if (line.trim() === '') continue;
		try {
			const value: unknown = JSON.parse(line);
			if (isCard(value)) cards.push(value);
			else unreadable++;
		} catch {
			unreadable++;
		}
	}
	return {cards, unreadable};
}
