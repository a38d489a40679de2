import {Box, Text} from 'ink';
import {useEffect, useState} from 'react';
import {isCloudError} from '../port/errors.js';
import type {ReactNode} from 'react';
import {useBindings, type Binding, type BindingGroup} from '../input/bindings.js';
import {Layer, useLayerTables} from '../input/key-router.js';
import {CommandLine} from '../components/command-line.js';
import {Footer} from '../components/footer.js';
import {Header} from '../components/header.js';
import {HelpOverlay} from '../components/help-overlay.js';
import {toneColor} from '../components/theme.js';
import {noticeCount} from '../format/notice-rows.js';
import {sanitize} from '../format/sanitize.js';
import {useApp} from './app-context.js';
import {pickerTitle} from './picker-state.js';
import {screenTitles, type CommandChoices, type ScreenEntry} from './screen-ids.js';
import type {ScreenHook} from './screen-model.js';
import type {Layer as ShellLayer, Notice} from './shell-state.js';
import {statusLine} from './status-line.js';

export type HostProps = {
	entry: ScreenEntry;
	useScreen: ScreenHook;
	/** The layers over the screen, last on top (shell-state.ts). */
	layers: readonly ShellLayer[];
	/** Opens `?` help over the top layer (from a fix panel, which has no `?` of its own). */
	openHelp: () => void;
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
	/** Draws the open fix panel (layer 'fixes') in `height` rows: the body's and the footer's, as it brings its own key hints. */
	renderFixes?: (width: number, height: number) => ReactNode;
	/** Draws the open picker (layer 'picker') the same way: body and footer rows, its own keys. */
	renderPicker?: (width: number, height: number) => ReactNode;
	/** A drill's badge ("DRILL 01:23"), read as the header ticks. */
	badge?: () => string;
};

// Rows the frame takes around the body: header, status line, footer.
export const chromeRows = 3;

/**
 * One screen in its frame, with the layers over it. Keyed by screen, so each screen's hooks mount
 * with it and stop polling when it is left. The screen's table and the global one form the single
 * binding table of the screen layer: it handles keys, fills the footer and lists `?` help. Each
 * layer over it is a modal <Layer>: the key router gives a key to the top layer only.
 */
export function ScreenHost({entry, useScreen, layers, openHelp, notice, globalBindings, width, height, now, onCommand, commandChoices, closeOverlay, renderFixes, renderPicker, onCredentials, badge}: HostProps) {
	const {config, cloud, notify, notices} = useApp();
	// The status line takes a row only while it has something to say: a notice shows there once,
	// then the row goes back to the screen and the header counts it (`:notices` lists them).
	const [statusShown, setStatusShown] = useState(false);
	const top = layers[layers.length - 1];
	const commandOpen = top?.kind === 'command';
	const bodyHeight = Math.max(1, height - chromeRows + (statusShown ? 0 : 1) - (commandOpen ? 1 : 0));
	const model = useScreen({width, height: bodyHeight, params: entry.params ?? {}, isActive: top === undefined});
	const global = model.capturesInput ? [] : unshadowed(globalBindings, model.bindings);
	const table = [...model.bindings, ...global];
	// Live whatever is over the screen: the router hands the screen layer only keys no layer above consumed (none: they are modal).
	useBindings(table, {
		isActive: true,
		onDisabled: b => notify(`${b.description}: ${b.disabledReason}`, 'warn'),
	});
	const status = statusLine(model.freshness, notice);
	// Known after the screen has said how fresh it is: the body gets the row on the next render.
	useEffect(() => {
		if ((status !== undefined) !== statusShown) setStatusShown(status !== undefined);
	}, [status, statusShown]);
	const error = model.freshness?.error;
	const credentials = isCloudError(error) && error.kind === 'credentials' ? (error.hint ?? error.message) : undefined;
	useEffect(() => {
		onCredentials?.(credentials);
	}, [credentials, onCredentials]);
	const title = model.title ?? screenTitles[entry.id];
	const screenGroups: BindingGroup[] = [
		{title: `${screenTitles[entry.id]} screen`, bindings: model.bindings},
		{title: 'Everywhere', bindings: unshadowed(globalBindings, model.bindings)},
	];
	// The layers drawn in the body: the top one shows; one under it (a fix panel under help) stays
	// mounted, hidden, so it keeps its state.
	const bodyLayers = layers.map((layer, i) => ({layer, depth: i + 1})).filter(({layer}) => layer.kind !== 'command');
	const shown = bodyLayers[bodyLayers.length - 1];
	// The fix panel and the picker take the body and the footer row: their own hints are the keys that work there.
	const ownFooter = top?.kind === 'fixes' || top?.kind === 'picker';
	const layerRows = bodyHeight + (ownFooter ? 1 : 0);
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Header config={config} region={cloud.region} screenTitle={sanitize(title)} freshness={model.freshness} now={now} width={width} notices={noticeCount(notices.length)} {...(badge ? {badge} : {})} />
			{statusShown ? (
				<Text wrap="truncate-end" color={toneColor(status?.tone === 'error' ? 'bad' : status?.tone === 'warn' ? 'warn' : 'info')}>
					{status ? sanitize(status.text) : ' '}
				</Text>
			) : null}
			<Box height={layerRows} flexDirection="column" overflow="hidden">
				{shown ? null : model.body}
				{bodyLayers.map(({layer, depth}) => (
					<Box key={`${layer.kind}:${depth}`} display={layer === shown?.layer ? 'flex' : 'none'} flexDirection="column">
						{layer.kind === 'fixes' ? (
							// A fix panel has no `?` of its own: the shell opens help over it, listing the panel's keys.
							<Layer depth={depth} modal fallback={input => {
									if (input === '?') openHelp();
									return true;
								}}>
								{renderFixes?.(width, layerRows)}
							</Layer>
						) : layer.kind === 'picker' ? (
							<Layer depth={depth} modal>
								{renderPicker?.(width, layerRows)}
							</Layer>
						) : (
							<Layer depth={depth} modal>
								<LayerHelp depth={depth} below={layers[depth - 2]} screenGroups={screenGroups} width={width} height={bodyHeight} onClose={closeOverlay} />
							</Layer>
						)}
					</Box>
				))}
			</Box>
			{commandOpen ? (
				<Layer depth={layers.length} modal>
					<CommandLine onSubmit={onCommand} onCancel={closeOverlay} choices={commandChoices} />
				</Layer>
			) : ownFooter ? null : top?.kind === 'help' ? (
				<LayerFooter depth={layers.length} width={width} />
			) : (
				<Footer bindings={footerOrder(table)} width={width} />
			)}
		</Box>
	);
}

/** Pinned keys first (a drill's): the footer is cut at the terminal's width. */
function footerOrder(table: readonly Binding[]): Binding[] {
	return [...table.filter(b => b.pinned), ...table.filter(b => !b.pinned)];
}

/** `?` help over the layer under it: the screen's tables, or the keys a fix panel published. */
function LayerHelp({depth, below, screenGroups, width, height, onClose}: {depth: number; below: ShellLayer | undefined; screenGroups: BindingGroup[]; width: number; height: number; onClose: () => void}) {
	const tables = useLayerTables(depth - 1);
	const groups = below === undefined ? screenGroups : [{title: below.kind === 'fixes' ? 'Fix panel' : below.kind === 'picker' ? pickerTitle(below.picker) : below.kind, bindings: tables.flat()}];
	return <HelpOverlay groups={groups} height={height} width={width} onClose={onClose} />;
}

/** The footer of a layer that has none of its own (help): the bindings it published. */
function LayerFooter({depth, width}: {depth: number; width: number}) {
	return <Footer bindings={useLayerTables(depth).flat()} width={width} />;
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
