// Lint: typescript-eslint's recommended rules and React's hook rules, over the source, the tests,
// the bench and the scripts. A disable comment needs a reason after `--` (eslint-comments style);
// `npm test` runs this, so the code stays clean rather than silenced.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ignores: ['dist/', 'release/', '.tmp/', 'node_modules/', 'coverage/']},
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		files: ['**/*.{ts,tsx,js,mjs}'],
		languageOptions: {globals: {...globals.node}},
		plugins: {'react-hooks': reactHooks},
		linterOptions: {reportUnusedDisableDirectives: 'error'},
		rules: {
			'react-hooks/rules-of-hooks': 'error',
			'react-hooks/exhaustive-deps': 'error',
			// Unused names are errors, except those that say so with a leading underscore.
			'@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', destructuredArrayIgnorePattern: '^_'}],
		},
	},
);
