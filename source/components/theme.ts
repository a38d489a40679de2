// Colours, once. NO_COLOR (https://no-color.org) turns every colour off; emphasis that carries
// meaning (selection, ALARM) then falls back to inverse and bold, which need no colour.
export const colorEnabled = process.env.NO_COLOR === undefined || process.env.NO_COLOR === '';

export type Tone = 'ok' | 'warn' | 'bad' | 'muted' | 'accent' | 'info';

const palette: Record<Tone, string> = {
	ok: 'green',
	warn: 'yellow',
	bad: 'red',
	muted: 'gray',
	accent: 'cyan',
	info: 'blue',
};

/** The colour for a tone, or undefined under NO_COLOR (Ink then draws the default colour). */
export function toneColor(tone: Tone | undefined): string | undefined {
	if (!colorEnabled || tone === undefined) return undefined;
	return palette[tone];
}
