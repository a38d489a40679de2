/** `/` on a list (k9s): a name matches when it holds every word of the filter, in any case. */
export function matchesFilter(name: string, filter: string): boolean {
	const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
	if (words.length === 0) return true;
	const lower = name.toLowerCase();
	return words.every(word => lower.includes(word));
}
