import {defineConfig} from 'vitest/config';

// The bench's own tests (its yardstick, its knobs, its plumbing), apart from `npm test`:
// npx vitest run -c bench/vitest.config.ts
export default defineConfig({
	test: {
		include: ['bench/test/**/*.test.ts'],
		testTimeout: 20_000,
		pool: 'forks',
		maxWorkers: 1,
	},
});
