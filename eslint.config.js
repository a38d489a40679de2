// Lint: typescript-eslint's recommended rules and React's hook rules, over the source, the tests,
// the bench and the scripts. A disable comment needs a reason after `--`; `npm test` runs this, so
// the code stays clean rather than silenced.
import comments from '@eslint-community/eslint-plugin-eslint-comments';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ignores: ['dist/', 'release/', '.tmp/', 'node_modules/', 'coverage/', 'bench/.build/']},
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		files: ['**/*.{ts,tsx,js,mjs}'],
		languageOptions: {globals: {...globals.node}},
		plugins: {'react-hooks': reactHooks, '@eslint-community/eslint-comments': comments},
		linterOptions: {reportUnusedDisableDirectives: 'error'},
		rules: {
			'react-hooks/rules-of-hooks': 'error',
			'react-hooks/exhaustive-deps': 'error',
			// Every disable says why, after `--`.
			'@eslint-community/eslint-comments/require-description': ['error', {ignore: []}],
			// A terminal tool matches control characters on purpose: the sanitizer, the output layer and
			// the tests that prove no escape reaches the screen all need them in their patterns.
			'no-control-regex': 'off',
			// Unused names are errors, except those that say so with a leading underscore.
			'@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', destructuredArrayIgnorePattern: '^_'}],
		},
	},
);
