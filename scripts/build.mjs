// Bundles the CLI into one ESM file with production React (NODE_ENV is fixed at build time), so
// start-up reads one file instead of hundreds. The AWS SDK stays external: it is imported lazily,
// only when the first AWS call is made (see source/aws/clients.ts).
import {build} from 'esbuild';
import {chmod} from 'node:fs/promises';
import {bundleOptions} from './bundle-options.mjs';

const outfile = 'dist/cli.js';
await build({...bundleOptions, outfile, external: ['@aws-sdk/*', 'node-pty'], sourcemap: 'linked'});
await chmod(outfile, 0o755);
