import {defineConfig} from 'vitest/config';
import {markdownText} from './scripts/markdown-text.mjs';

export default defineConfig({
	plugins: [markdownText()],
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		// Component tests render Ink in debug mode (test/helpers/render.tsx), which draws whatever CI
		// says; end-to-end tests drop CI from the child's environment (Ink would draw nothing).
		testTimeout: 20_000,
		hookTimeout: 60_000,
		pool: 'forks',
		// The JSON report lets .ci/run print a one-line summary any CI can read.
		reporters: ['default', 'json'],
		outputFile: {json: '.tmp/vitest-report.json'},
		maxWorkers: 2,
	},
});
