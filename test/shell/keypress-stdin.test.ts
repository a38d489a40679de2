import {EventEmitter} from 'node:events';
import {describe, expect, it, vi} from 'vitest';
import {KeypressStdin, splitKeypresses} from '../../source/shell/keypress-stdin.js';

describe('splitKeypresses', () => {
	it('splits typed-ahead text into single keys', () => {
		expect(splitKeypresses(':logs\r')).toEqual([':', 'l', 'o', 'g', 's', '\r']);
	});

	it('keeps escape sequences whole', () => {
		expect(splitKeypresses('j\u001B[Ak\u001B[6~\u001B[Z\u001BOP\u001Bx')).toEqual(['j', '\u001B[A', 'k', '\u001B[6~', '\u001B[Z', '\u001BOP', '\u001Bx']);
		expect(splitKeypresses('\u001B')).toEqual(['\u001B']);
	});

	it('passes an incomplete sequence at the end of a chunk through for Ink to buffer', () => {
		expect(splitKeypresses('q\u001B[1;')).toEqual(['q', '\u001B[1;']);
	});

	it('keeps astral characters whole', () => {
		expect(splitKeypresses('a😀b')).toEqual(['a', '😀', 'b']);
	});

	it('reads the LF the line discipline made of Enter (keys typed before raw mode) as Enter', () => {
		expect(splitKeypresses(':services\n')).toEqual([':', 's', 'e', 'r', 'v', 'i', 'c', 'e', 's', '\r']);
	});
});

describe('KeypressStdin', () => {
	it('delivers one key per readable event, in order', async () => {
		const real = Object.assign(new EventEmitter(), {setRawMode() {}, setEncoding() {}, ref() {}, unref() {}, resume() {}, pause() {}}) as unknown as NodeJS.ReadStream;
		const stdin = new KeypressStdin(real);
		const got: string[] = [];
		stdin.on('readable', () => {
			let key;
			while ((key = stdin.read()) !== null) got.push(key);
		});
		stdin.setRawMode(true);
		real.emit('data', ':q\r');
		await vi.waitFor(() => expect(got).toEqual([':', 'q', '\r']), {timeout: 2000});
	});

	it('holds keys while nobody reads instead of dropping them', async () => {
		const real = Object.assign(new EventEmitter(), {setRawMode() {}, setEncoding() {}, ref() {}, unref() {}, resume() {}, pause() {}}) as unknown as NodeJS.ReadStream;
		const stdin = new KeypressStdin(real);
		stdin.setRawMode(true);
		real.emit('data', 'ab');
		await new Promise(resolve => setTimeout(resolve, 100));
		const got: string[] = [];
		stdin.on('readable', () => {
			let key;
			while ((key = stdin.read()) !== null) got.push(key);
		});
		await vi.waitFor(() => expect(got).toEqual(['a', 'b']), {timeout: 2000});
	});

	it('listens from listen(), before Ink asks for raw mode: keys typed while the first frame is drawn are kept', async () => {
		const modes: boolean[] = [];
		const real = Object.assign(new EventEmitter(), {setRawMode(on: boolean) { modes.push(on); }, setEncoding() {}, ref() {}, unref() {}, resume() {}, pause() {}}) as unknown as NodeJS.ReadStream;
		const stdin = new KeypressStdin(real).listen();
		expect(modes).toEqual([true]);
		real.emit('data', ':l');
		await new Promise(resolve => setTimeout(resolve, 50));
		stdin.setRawMode(true); // Ink, once it mounts: no second listener, nothing lost
		const got: string[] = [];
		stdin.on('readable', () => {
			let key;
			while ((key = stdin.read()) !== null) got.push(key);
		});
		real.emit('data', 'ogs\r');
		await vi.waitFor(() => expect(got).toEqual([':', 'l', 'o', 'g', 's', '\r']), {timeout: 2000});
		expect(real.listenerCount('data')).toBe(1);
	});
});
