import type {ReactNode} from 'react';
import type {Freshness} from '../format/freshness.js';
import type {Binding} from '../input/bindings.js';

/** What a screen hands the shell each render: its keys, its body and how fresh its data is. */
export type ScreenModel = {
	bindings: Binding[];
	body: ReactNode;
	freshness?: Freshness;
	/** While true the screen owns the keyboard (a text field is open): global keys are off. */
	capturesInput?: boolean;
	/** A title more specific than the screen's name, e.g. the service shown. */
	title?: string;
};

export type ScreenProps = {
	width: number;
	height: number;
	params: Record<string, string>;
	/** False while an overlay has the keys. */
	isActive: boolean;
};

export type ScreenHook = (props: ScreenProps) => ScreenModel;
