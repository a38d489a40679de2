// `npm run package`: release/acso-tui.mjs, the whole CLI in one file with every dependency inside,
// the AWS SDK clients included, for a bastion where nobody wants an `npm install`: copy the file,
// run it with Node >= 20. The SDK clients are still evaluated lazily: without code splitting,
// esbuild turns each `await import('@aws-sdk/...')` into a module initialised on first use, so
// `--demo` and `--help` never run the SDK's code.
import {build} from 'esbuild';
import {chmod, mkdir, stat} from 'node:fs/promises';
import {bundleOptions} from './bundle-options.mjs';

const outfile = 'release/acso-tui.mjs';
await mkdir('release', {recursive: true});
await build({...bundleOptions, outfile, minify: true, legalComments: 'eof'});
await chmod(outfile, 0o755);
const {size} = await stat(outfile);
console.log(`${outfile}: ${(size / 2 ** 20).toFixed(1)} MiB`);
