import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {CellLine, sameCellLine} from '../../source/components/cell-line.js';
import {tick} from '../helpers/render.js';

describe('CellLine', () => {
	it('is skipped only for equal cells: same words and tones, in a new array or not', () => {
		const line = {label: 'ALARMS', cells: [{text: '● HighCPU ALARM', tone: 'bad' as const}]};
		expect(sameCellLine(line, {...line, cells: [{text: '● HighCPU ALARM', tone: 'bad'}]})).toBe(true);
		expect(sameCellLine(line, {...line, cells: [{text: '● HighCPU ALARM', tone: 'ok'}]})).toBe(false);
		expect(sameCellLine(line, {...line, cells: [{text: '○ HighCPU OK', tone: 'bad'}]})).toBe(false);
		expect(sameCellLine(line, {...line, cells: [...line.cells, {text: 'more'}]})).toBe(false);
		expect(sameCellLine(line, {...line, label: 'DATABASE'})).toBe(false);
		expect(sameCellLine(line, {...line, labelWidth: 12})).toBe(false);
	});

	it('draws the new words when they change', async () => {
		const app = render(<CellLine label="ALARMS" cells={[{text: '● HighCPU ALARM', tone: 'bad'}]} />);
		app.rerender(<CellLine label="ALARMS" cells={[{text: '○ HighCPU OK', tone: 'ok'}]} />);
		await tick(1);
		expect(app.lastFrame()).toBe('ALARMS   ○ HighCPU OK');
		app.unmount();
	});
});
