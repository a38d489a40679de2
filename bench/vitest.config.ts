import {defineConfig} from 'vitest/config';
import {markdownText} from '../scripts/markdown-text.mjs';

// The bench's own tests (its yardstick, its knobs, its plumbing), apart from `npm test`:
// npx vitest run -c bench/vitest.config.ts
export default defineConfig({
	plugins: [markdownText()],
	test: {
		include: ['bench/test/**/*.test.ts'],
		testTimeout: 20_000,
		pool: 'forks',
		maxWorkers: 1,
	},
});
