import {isCloudError} from '../port/errors.js';
import type {Freshness} from '../format/freshness.js';
import type {Notice} from './shell-state.js';

/** How long a notice stays on the status line. */
export const noticeMs = 8000;

export type StatusLine = {text: string; tone: 'info' | 'warn' | 'error'};

/**
 * The one line under the header: what the engineer must act on first. Expired credentials beat
 * everything (nothing works until `aws sso login`), then other errors, throttling, the latest notice.
 */
export function statusLine(freshness: Freshness | undefined, notice: Notice | undefined): StatusLine | undefined {
	const error = freshness?.error;
	if (isCloudError(error) && error.kind === 'credentials') {
		// "press r" first: the hint can be long, and the line is cut at the terminal's width.
		return {text: `credentials: press r to retry after: ${error.hint ?? error.message}`, tone: 'error'};
	}
	// The shell clears a notice after noticeMs, so one that is here is current.
	if (notice) return {text: notice.text, tone: notice.tone};
	if (error) {
		const detail = isCloudError(error) && error.kind === 'denied' && error.action ? `access denied: missing ${error.action}` : error.message;
		const stale = freshness?.stale ? ' (showing the last data)' : '';
		return {text: `${detail}${stale}`, tone: isCloudError(error) && error.kind === 'throttled' ? 'warn' : 'error'};
	}
	if (freshness?.throttled) return {text: 'AWS is throttling requests: backing off', tone: 'warn'};
	return undefined;
}
