import {Box, Text} from 'ink';
import {useEffect} from 'react';
import {isCloudError} from '../port/errors.js';
import type {ReactNode} from 'react';
import {useBindings, type Binding} from '../input/bindings.js';
import {CommandLine} from '../components/command-line.js';
import {Footer} from '../components/footer.js';
import {Header} from '../components/header.js';
import {HelpOverlay} from '../components/help-overlay.js';
import {toneColor} from '../components/theme.js';
import {sanitize} from '../format/sanitize.js';
import {useApp} from './app-context.js';
import {screenTitles, type CommandChoices, type ScreenEntry} from './screen-ids.js';
import type {ScreenHook} from './screen-model.js';
import type {Overlay, Notice} from './shell-state.js';
import {statusLine} from './status-line.js';

export type HostProps = {
	entry: ScreenEntry;
	useScreen: ScreenHook;
	overlay: Overlay;
	notice?: Notice;
	globalBindings: Binding[];
	width: number;
	height: number;
	/** The clock; only the header ticks with it (ages), so the screen is not redrawn every second. */
	now: () => number;
	onCommand: (text: string) => void;
	/** What `:ctx`, `:region` and `:profile` complete from. */
	commandChoices?: CommandChoices;
	closeOverlay: () => void;
	/** Hears what to do about refused credentials (undefined once the screen's data flows again). */
	onCredentials?: (problem: string | undefined) => void;
	/** Draws the open fix panel (overlay 'fixes') in `height` rows: the body's and the footer's, as it brings its own key hints. */
	renderFixes?: (width: number, height: number) => ReactNode;
	/** Draws the open picker (overlay 'picker') the same way: body and footer rows, its own keys. */
	renderPicker?: (width: number, height: number) => ReactNode;
};

// Rows the frame takes around the body: header, status line, footer.
export const chromeRows = 3;

/**
 * One screen in its frame. Keyed by screen, so each screen's hooks mount with it and stop polling
 * when it is left. The screen's table and the global one form the single binding table that
 * handles keys, fills the footer and lists `?` help.
 */
export function ScreenHost({entry, useScreen, overlay, notice, globalBindings, width, height, now, onCommand, commandChoices, closeOverlay, renderFixes, renderPicker, onCredentials}: HostProps) {
	const {config, cloud, notify} = useApp();
	const bodyHeight = Math.max(1, height - chromeRows - (overlay === 'command' ? 1 : 0));
	const model = useScreen({width, height: bodyHeight, params: entry.params ?? {}, isActive: overlay === 'none'});
	const global = model.capturesInput ? [] : unshadowed(globalBindings, model.bindings);
	const table = [...model.bindings, ...global];
	useBindings(table, {
		isActive: overlay === 'none',
		onDisabled: b => notify(`${b.description}: ${b.disabledReason}`, 'warn'),
	});
	const status = statusLine(model.freshness, notice);
	const error = model.freshness?.error;
	const credentials = isCloudError(error) && error.kind === 'credentials' ? (error.hint ?? error.message) : undefined;
	useEffect(() => {
		onCredentials?.(credentials);
	}, [credentials, onCredentials]);
	const title = model.title ?? screenTitles[entry.id];
	// The fix panel and the picker take the body and the footer row: their own hints are the keys that work there.
	const layer = overlay === 'fixes' ? renderFixes : overlay === 'picker' ? renderPicker : undefined;
	const layerOpen = layer !== undefined;
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Header config={config} region={cloud.region} screenTitle={sanitize(title)} freshness={model.freshness} now={now} width={width} />
			<Text wrap="truncate-end" color={toneColor(status?.tone === 'error' ? 'bad' : status?.tone === 'warn' ? 'warn' : 'info')}>
				{status ? sanitize(status.text) : ' '}
			</Text>
			<Box height={bodyHeight + (layerOpen ? 1 : 0)} flexDirection="column" overflow="hidden">
				{layerOpen ? (
					layer?.(width, bodyHeight + 1)
				) : overlay === 'help' ? (
					<HelpOverlay
						groups={[
							{title: `${screenTitles[entry.id]} screen`, bindings: model.bindings},
							{title: 'Everywhere', bindings: unshadowed(globalBindings, model.bindings)},
						]}
						height={bodyHeight}
						width={width}
						onClose={closeOverlay}
					/>
				) : (
					model.body
				)}
			</Box>
			{layerOpen ? null : overlay === 'command' ? <CommandLine onSubmit={onCommand} onCancel={closeOverlay} choices={commandChoices} /> : <Footer bindings={table} width={width} />}
		</Box>
	);
}

/**
 * The global bindings less the keys the screen takes for itself (the logs screen's `w` wraps lines
 * instead of listing watches), so help never lists a key that does something else here.
 */
export function unshadowed(global: readonly Binding[], screen: readonly Binding[]): Binding[] {
	const taken = new Set(screen.flatMap(b => b.keys));
	return global.flatMap(b => {
		const keys = b.keys.filter(k => !taken.has(k));
		if (keys.length === b.keys.length) return [b];
		return keys.length > 0 ? [{...b, keys}] : [];
	});
}
