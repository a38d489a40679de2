export type Hint = {key: string; description: string; disabled?: boolean};

/** The hints that fit in `width` columns, in order, two spaces apart; `? help` always fits last. */
export function footerHints(hints: readonly Hint[], width: number): Hint[] {
	const help = hints.find(h => h.key === '?');
	const rest = hints.filter(h => h !== help);
	const shown: Hint[] = [];
	let used = help ? help.key.length + help.description.length + 1 : 0;
	for (const hint of rest) {
		const cost = hint.key.length + 1 + hint.description.length + 2;
		if (used + cost > width) break;
		shown.push(hint);
		used += cost;
	}
	return help ? [...shown, help] : shown;
}
