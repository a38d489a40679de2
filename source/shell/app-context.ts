import {createContext, useContext} from 'react';
import type {AppConfig} from '../config/app-config.js';
import type {LogStore} from '../logs/log-store.js';
import type {Cloud} from '../port/types.js';
import type {ScreenId} from './screen-ids.js';
import type {Notice} from './shell-state.js';

/** What every screen may use: the port, the configuration, navigation and the notice line. */
export type AppContextValue = {
	cloud: Cloud;
	config: AppConfig;
	now: () => number;
	/** Bumped by `r`: every visible poll fetches at once. */
	refreshToken: number;
	go(screen: ScreenId, params?: Record<string, string>): void;
	open(screen: ScreenId, params?: Record<string, string>): void;
	back(): void;
	notify(text: string, tone?: Notice['tone']): void;
	/** The log lines, kept across visits to the logs screen. */
	logStore: LogStore;
	/** Puts text on the engineer's clipboard through the terminal (OSC 52); false when unavailable. */
	copyToClipboard(text: string): boolean;
};

export const AppContext = createContext<AppContextValue | undefined>(undefined);

export function useApp(): AppContextValue {
	const value = useContext(AppContext);
	if (!value) throw new Error('useApp outside <AppContext.Provider>');
	return value;
}
