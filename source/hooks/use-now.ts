import {useEffect, useState} from 'react';

/** The current time, re-read every `everyMs`, for "updated 3s ago" labels. */
export function useNow(now: () => number, everyMs = 1000): number {
	const [value, setValue] = useState(now);
	useEffect(() => {
		const timer = setInterval(() => setValue(now()), everyMs);
		return () => clearInterval(timer);
	}, [now, everyMs]);
	return value;
}
