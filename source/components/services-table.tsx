import {Box, Text} from 'ink';
import {memo, useMemo} from 'react';
import {shortServiceName, type ResourceNames} from '../port/names.js';
import type {Service} from '../port/types.js';
import type {ServiceSeries} from '../model/metric-queries.js';
import {listWindow} from '../format/list-window.js';
import {serviceHeader, serviceRow, serviceTableLayout, type Cell} from '../format/service-rows.js';
import {sanitize} from '../format/sanitize.js';
import {padEnd, truncate} from '../format/truncate.js';
import {toneColor} from './theme.js';

const Row = memo(function Row({cells, selected}: {cells: Cell[]; selected: boolean}) {
	return (
		<Text wrap="truncate-end" inverse={selected}>
			{cells.map((cell, i) => (
				<Text key={i} color={selected ? undefined : toneColor(cell.tone)}>
					{i > 0 ? ' ' : ''}
					{cell.text}
				</Text>
			))}
		</Text>
	);
});

/** The services table: only the visible window is drawn, with ▲/▼ counts for the rest. */
export function ServicesTable({services, series, names, cursor, width, height, stale}: {
	services: readonly Service[];
	series: Map<string, ServiceSeries> | undefined;
	names: ResourceNames;
	cursor: number;
	width: number;
	height: number;
	/** "STALE 45s" when the list's last refresh failed. */
	stale?: string;
}) {
	const layout = serviceTableLayout(width, Math.max(0, ...services.map(s => sanitize(shortServiceName(s.name, names)).length)));
	const available = Math.max(1, height - 1);
	// When the list overflows, the last row holds the ▼ marker.
	const win = listWindow(services.length, cursor, services.length > available ? available - 1 : available);
	// Rows are rebuilt only when the data or the layout changed (a refresh with equal data keeps both).
	const {nameWidth, sparkWidth} = layout;
	const rows = useMemo(
		() => services.map(service => serviceRow(service, series?.get(service.name), names, {nameWidth, sparkWidth})),
		[services, series, names, nameWidth, sparkWidth],
	);
	return (
		<Box flexDirection="column" height={height}>
			<Text bold wrap="truncate-end">
				{stale ? (
					<>
						<Text color={toneColor('bad')}>{padEnd(truncate(`SERVICE ${stale}`, layout.nameWidth), layout.nameWidth)}</Text>
						{serviceHeader(layout).slice(layout.nameWidth)}
					</>
				) : (
					serviceHeader(layout)
				)}
				{win.above > 0 ? <Text color={toneColor('muted')}> ▲{win.above}</Text> : null}
			</Text>
			{rows.slice(win.start, win.end).map((cells, i) => (
				<Row key={services[win.start + i]?.name ?? i} cells={cells} selected={win.start + i === cursor} />
			))}
			{win.below > 0 ? <Text color={toneColor('muted')}>▼ {win.below} more</Text> : null}
		</Box>
	);
}
