import {it} from 'vitest';
import {keys, renderApp} from '../helpers/render.js';
import {goTo} from './go-to.js';

it('scratch', async () => {
	const app = renderApp({size: {columns: 110, rows: 34}});
	await app.waitFor('supervisor');
	await app.press('j', 'j', 'j');
	await app.press(keys.enter);
	await app.waitFor('TASKS');
	await new Promise(r => setTimeout(r, 500));
	console.log(app.lastFrame());
	await app.press('?');
	console.log(app.lastFrame());
	app.unmount();
	const st = renderApp({size: {columns: 100, rows: 30}, flags: {demo: true, env: 'staging'}});
	await st.waitFor('threat-hunter');
	await goTo(st, 'services');
	await st.waitFor('SERVICE');
	await st.press('j', 'j', 'j', 'j');
	await st.press(keys.enter);
	await st.waitFor('TASKS');
	await new Promise(r => setTimeout(r, 500));
	console.log(st.lastFrame());
	st.unmount();
});
