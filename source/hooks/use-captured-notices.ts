import {useEffect, useRef} from 'react';
import type {Cloud} from '../port/types.js';
import {capturedLines, onCaptured} from '../shell/captured-output.js';

/**
 * Shows what was kept off the terminal (Node warnings, stray console output, the SDK's logged
 * warnings) as notices in the app, each once: never printed over the screen, never hidden.
 */
export function useCapturedNotices(cloud: Cloud, notify: (text: string, tone: 'warn') => void, pollMs = 5000): void {
	const shownFromCloud = useRef(0);
	useEffect(() => {
		// Another Cloud (a switch of region or profile) has its own list of warnings.
		shownFromCloud.current = 0;
		const unsubscribe = onCaptured(() => {
			const latest = capturedLines().at(-1);
			if (latest) notify(`notice: ${latest}`, 'warn');
		});
		const timer = setInterval(() => {
			const warnings = cloud.warnings();
			if (warnings.length > shownFromCloud.current) {
				shownFromCloud.current = warnings.length;
				notify(`AWS SDK: ${warnings.at(-1) ?? ''}`, 'warn');
			}
		}, pollMs);
		return () => {
			unsubscribe();
			clearInterval(timer);
		};
	}, [cloud, notify, pollMs]);
}
