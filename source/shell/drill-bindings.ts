import type {Binding} from '../input/binding.js';
import type {DrillShell} from '../hooks/use-drill.js';

/** The two keys a drill adds everywhere: a hint (the next step of the ideal path, at a cost) and giving up. */
export function drillBindings(drill: DrillShell, say: (text: string) => void): Binding[] {
	return [
		{keys: ['H'], description: 'drill hint: the next step (−10 points)', footer: true, pinned: true, handler: () => say(drill.hint())},
		{keys: ['X'], description: 'give up the drill', footer: true, pinned: true, handler: () => drill.giveUp()},
	];
}
