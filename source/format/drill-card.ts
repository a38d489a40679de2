// The report card of a drill as lines: for the card view at the end of a drill, and for
// `drill --history` (one line per past drill).
import type {ReportCard} from '../drills/score.js';
import {sanitize} from './sanitize.js';

const outcomes: Record<ReportCard['outcome'], string> = {fixed: 'FIXED', 'gave-up': 'GAVE UP', 'time-limit': 'TIME LIMIT'};

export function clock(seconds: number | null): string {
	if (seconds === null) return '—';
	const whole = Math.round(seconds);
	return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

export function cardLines(card: ReportCard): string[] {
	const lines = [
		`Drill: ${sanitize(card.name)} (${sanitize(card.scenario)})   ${outcomes[card.outcome]}   score ${card.score}/100${card.perfect ? '  ★ perfect' : ''}`,
		`Tree: ${sanitize(card.tree)}`,
		'',
		`time to the right tree   ${clock(card.toTree)}`,
		`time to the verdict      ${clock(card.toVerdict)}`,
		`time to the fix          ${clock(card.toFix)}`,
		`drill time               ${clock(card.total)}`,
		`keys pressed             ${card.keys} (ideal path: ${card.idealKeys})`,
		`hints used               ${card.hints}`,
		`wrong fixes              ${card.wrongFixes.length}`,
	];
	for (const fix of card.wrongFixes) lines.push(`  ✗ ${clock(fix.at)} ${sanitize(fix.title)}: did not address the cause`);
	lines.push('', 'The ideal path:');
	card.idealPath.forEach((step, i) => lines.push(`  ${i + 1}. ${sanitize(step)}`));
	return lines;
}

/** One line per past drill, newest first. */
export function historyLines(cards: readonly ReportCard[]): string[] {
	if (cards.length === 0) return ['no drills yet: run acso-tui drill --list, then acso-tui drill NAME'];
	const rows = [...cards].reverse().map(card =>
		[card.startedAt.slice(0, 16).replace('T', ' '), sanitize(card.scenario).padEnd(40), outcomes[card.outcome].padEnd(10), String(card.score).padStart(3), clock(card.toFix).padStart(6), `${card.wrongFixes.length} wrong`, `${card.hints} hints`].join('  '),
	);
	return [['STARTED (UTC)   ', 'SCENARIO'.padEnd(40), 'OUTCOME   ', 'SCORE', '   FIX', 'WRONG FIXES'.padEnd(7), 'HINTS'].join('  '), ...rows];
}
