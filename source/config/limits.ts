// The ranges a flag or the config file may set (refresh, log buffer, seed), checked by both.
export const limits = {
	refreshSeconds: {min: 1, max: 3600},
	logBufferLines: {min: 100, max: 1_000_000},
	seed: {min: 0, max: 2 ** 31 - 1},
};
