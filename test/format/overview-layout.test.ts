import {describe, expect, it} from 'vitest';
import {minTailRows, overviewLayout} from '../../source/format/overview-layout.js';
import {initialOverviewState, overviewReducer} from '../../source/screens/overview-state.js';

describe('overviewLayout', () => {
	it('gives the services what they need and the error tail every row left', () => {
		expect(overviewLayout(36, 5)).toEqual({tableHeight: 6, tailRows: 36 - 3 - 6});
		expect(overviewLayout(19, 5)).toEqual({tableHeight: 6, tailRows: 10});
	});

	it('draws no tail below minTailRows, and the table keeps its rows', () => {
		const tight = overviewLayout(3 + 6 + minTailRows - 1, 5);
		expect(tight.tailRows).toBe(0);
		expect(tight.tableHeight).toBe(3 + minTailRows - 1 + 3);
		expect(overviewLayout(3 + 6 + minTailRows, 5).tailRows).toBe(minTailRows);
	});

	it('keeps room for a header and a row when there are no services yet', () => {
		expect(overviewLayout(20, 0).tableHeight).toBe(2);
	});
});

describe('overviewReducer', () => {
	it('moves the focus to the error tail and back, and keeps the selection within the lines shown', () => {
		let state = overviewReducer(initialOverviewState, {type: 'toggle-focus'});
		expect(state.focus).toBe('errors');
		state = overviewReducer(state, {type: 'tail-move', delta: -1, shown: 3});
		state = overviewReducer(state, {type: 'tail-move', delta: -1, shown: 3});
		state = overviewReducer(state, {type: 'tail-move', delta: -1, shown: 3});
		expect(state.tailOffset).toBe(2);
		state = overviewReducer(state, {type: 'tail-move', delta: 5, shown: 3});
		expect(state.tailOffset).toBe(0);
		expect(overviewReducer(state, {type: 'services'})).toEqual(initialOverviewState);
	});
});
