import {useState} from 'react';
import {SegmentList} from '../components/segment-list.js';
import {moveCursor} from '../format/list-window.js';
import {noticeRow} from '../format/notice-rows.js';
import {textLine} from '../format/segments.js';
import type {Binding} from '../input/bindings.js';
import {useApp} from '../shell/app-context.js';
import type {ScreenModel, ScreenProps} from '../shell/screen-model.js';

/** `:notices`: every notice of the session, newest first, so one shown for a few seconds is never lost. */
export function useNoticesScreen(props: ScreenProps): ScreenModel {
	const {notices} = useApp();
	const [cursor, setCursor] = useState(0);
	const rows = [...notices].reverse().map(noticeRow);
	const bindings: Binding[] = [
		{keys: ['j', 'down'], description: 'older notice', handler: () => setCursor(c => moveCursor(c, 1, rows.length))},
		{keys: ['k', 'up'], description: 'newer notice', handler: () => setCursor(c => moveCursor(c, -1, rows.length))},
	];
	return {
		bindings,
		body: (
			<SegmentList
				title={textLine(`NOTICES  ${rows.length} this session, newest first`, props.width, {bold: true})}
				rows={rows}
				cursor={Math.min(cursor, rows.length - 1)}
				height={props.height}
				width={props.width}
				empty="no notices this session"
			/>
		),
	};
}
