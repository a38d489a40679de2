// Whether a list already is in the order a sort would give it. The tailer and the store each sort
// what a poll brought, and a poll almost always brings it in order already: checking is a pass
// over the list, while Array.prototype.sort allocates work arrays as long as the list on every call,
// 10,000 events a page in a flood (issue 17). Sorting is stable, so skipping it when the list is
// in order leaves it exactly as the sort would.
export function inOrder<T>(items: readonly T[], compare: (a: T, b: T) => number): boolean {
	for (let i = 1; i < items.length; i++) if (compare(items[i - 1]!, items[i]!) > 0) return false;
	return true;
}
