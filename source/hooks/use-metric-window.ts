import {useState} from 'react';
import {defaultWindowIndex, metricWindows} from '../format/metric-window.js';
import type {Binding} from '../input/bindings.js';

/** Keys 1-4 choose the window; shared by every screen with charts. */
export function useMetricWindow() {
	const [index, setIndex] = useState(defaultWindowIndex);
	const window = metricWindows[index] ?? metricWindows[0]!;
	const bindings: Binding[] = metricWindows.map((w, i) => ({keys: [w.key], description: `charts: last ${w.label}`, handler: () => setIndex(i)}));
	return {window, bindings};
}
