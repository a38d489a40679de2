import {Text} from 'ink';
import {useState} from 'react';
import {describe, expect, it} from 'vitest';
import {useBindings} from '../../source/input/bindings.js';
import {KeyRouter, Layer, type KeyTrace} from '../../source/input/key-router.js';
import {keys, renderApp, renderTui} from '../helpers/render.js';

// Only the top layer gets a key, by construction: the router hands it to the top layer, whose
// handlers consume it or let it fall through, and a modal layer consumes what they leave.

type Heard = {screen: string[]; fixes: string[]; help: string[]};

function Stack({heard, trace}: {heard: Heard; trace: KeyTrace}) {
	const [help, setHelp] = useState(true);
	const record = (name: keyof Heard) => ({keys: ['j', 'k', 'x', 'z', 'q'], description: name, handler: () => heard[name].push('key')});
	return (
		<KeyRouter trace={trace}>
			<ScreenLayer binding={record('screen')} />
			<Layer depth={1} modal>
				<Bound binding={record('fixes')} />
			</Layer>
			{help ? (
				<Layer depth={2} modal>
					<Bound binding={record('help')} extra={{keys: ['esc'], description: 'close help', handler: () => setHelp(false)}} />
				</Layer>
			) : null}
		</KeyRouter>
	);
}

type Rec = {keys: string[]; description: string; handler: () => void};

function ScreenLayer({binding}: {binding: Rec}) {
	useBindings([binding], {isActive: true});
	return <Text>screen</Text>;
}

function Bound({binding, extra}: {binding: Rec; extra?: Rec}) {
	useBindings(extra ? [binding, extra] : [binding], {isActive: true});
	return <Text>{binding.description}</Text>;
}

describe('the layer stack and the key router', () => {
	it('gives a key to the top layer only: help over a fix panel over a screen', async () => {
		const heard: Heard = {screen: [], fixes: [], help: []};
		const deliveries: Array<{depth: number; handlers: number; consumed: boolean}> = [];
		const h = renderTui(<Stack heard={heard} trace={d => deliveries.push(d)} />);
		await h.waitFor('help');
		await h.press('j');
		expect(heard).toEqual({screen: [], fixes: [], help: ['key']});
		// One delivery, to the top layer, whose binding consumed it: nothing below was asked.
		expect(deliveries).toEqual([{depth: 2, handlers: 1, consumed: true}]);
		// A key help has no binding for stops at help all the same: its modal fallback consumes it.
		deliveries.length = 0;
		await h.press('w');
		expect(heard).toEqual({screen: [], fixes: [], help: ['key']});
		expect(deliveries).toEqual([{depth: 2, handlers: 2, consumed: true}]);
		// Help closes: the fix panel is on top and has the keys; the screen still hears nothing.
		await h.press(keys.esc);
		await h.press('j');
		expect(heard).toEqual({screen: [], fixes: ['key'], help: ['key']});
		h.unmount();
	});

	it('lets a key no handler of a non-modal layer took fall through to the layer below', async () => {
		const heard: string[] = [];
		const h = renderTui(
			<KeyRouter>
				<ScreenLayer binding={{keys: ['j'], description: 'screen', handler: () => heard.push('screen j')}} />
				<Layer depth={1}>
					<Bound binding={{keys: ['k'], description: 'above', handler: () => heard.push('above k')}} />
				</Layer>
			</KeyRouter>,
		);
		await h.waitFor('above');
		await h.press('k', 'j');
		expect(heard).toEqual(['above k', 'screen j']);
		h.unmount();
	});
});

describe('help over the fix panels in the app', () => {
	it('lists the fix panel\'s keys, takes the keys while open, and gives them back to the panel', async () => {
		const h = renderApp({size: {columns: 120, rows: 40}});
		await h.waitFor('supervisor');
		const menu = await h.press('a');
		expect(menu).toContain('Fixes for service');
		const help = await h.press('?');
		expect(help).toContain('Fix panel');
		expect(help).toContain('close help');
		// q would close the menu (or quit): under help it only closes help.
		await h.press('q');
		const back = h.lastFrame();
		expect(back).toContain('Fixes for service');
		expect(back).not.toContain('Fix panel');
		await h.press(keys.esc);
		expect(h.lastFrame()).not.toContain('Fixes for service');
		h.unmount();
	});

	it('holds the key behind one that opens a layer until that layer is on screen (typed ahead in one read)', async () => {
		const heard: string[] = [];
		function Opener() {
			const [open, setOpen] = useState(false);
			return (
				<>
					<ScreenLayer binding={{keys: [':', 's'], description: 'screen', handler: () => (heard.push('screen'), setOpen(true))}} />
					{open ? (
						<Layer depth={1} modal>
							<Bound binding={{keys: ['s', 'e'], description: 'command line', handler: () => heard.push('line')}} />
						</Layer>
					) : null}
				</>
			);
		}
		const h = renderTui(<Opener />);
		await h.waitFor('screen');
		// Three keys in a row, as a paste or a slow SSH link delivers them: all three reach the
		// router before React has rendered what the first one opened.
		await h.typeAhead(':', 's', 'e');
		await h.waitFor('command line');
		expect(heard).toEqual(['screen', 'line', 'line']);
		h.unmount();
	});
});
