import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		// Ink reads CI at import time and then draws nothing until exit; component tests render through
		// ink-testing-library, which does not care, but keep the suite's own env predictable.
		testTimeout: 20_000,
		hookTimeout: 60_000,
		pool: 'forks',
		maxWorkers: 2,
	},
});
