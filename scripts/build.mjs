// Bundles the CLI into one ESM file with production React, so start-up reads one file instead of
// hundreds. The AWS SDK stays external and is imported lazily (see source/aws/clients.ts).
import {build} from 'esbuild';
import {chmod} from 'node:fs/promises';

const outfile = 'dist/cli.js';
await build({
	entryPoints: ['source/cli.tsx'],
	outfile,
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	jsx: 'automatic',
	packages: 'external',
	define: {'process.env.NODE_ENV': '"production"'},
	banner: {js: '#!/usr/bin/env node'},
	sourcemap: 'linked',
	logLevel: 'warning',
});
await chmod(outfile, 0o755);
