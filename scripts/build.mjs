// Bundles the CLI into ESM with production React (NODE_ENV is fixed at build time), so start-up
// reads a few files instead of hundreds. The AWS SDK stays external: it is imported lazily, only
// when the first AWS call is made (see source/aws/clients.ts). What is reached only through a
// dynamic import (the AWS adapters, the simulated account, the subcommands, the drill app, Ink's
// devtools) goes into chunks of its own under dist/chunks/, so a run compiles only the code of its
// kind: `--demo` never parses source/aws. (The release file is one file: scripts/package.mjs.)
import {build} from 'esbuild';
import {chmod, rm} from 'node:fs/promises';
import {bundleOptions} from './bundle-options.mjs';

const outdir = 'dist';
// Chunk names carry a content hash: the chunks of an older build must not stay beside the new one.
await rm(outdir, {recursive: true, force: true});
await build({
	...bundleOptions,
	outdir,
	entryNames: '[name]',
	chunkNames: 'chunks/[name]-[hash]',
	splitting: true,
	external: ['@aws-sdk/*', 'node-pty'],
	sourcemap: 'linked',
});
await chmod(`${outdir}/cli.js`, 0o755);
