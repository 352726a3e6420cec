// Bundles JsSIP into one browser script (dist/jssip.js, global JsSIP) for phone.html. Run by .ci/run after npm ci.
import { build } from 'esbuild';

await build({
  entryPoints: ['node_modules/jssip/lib/JsSIP.js'],
  bundle: true,
  format: 'iife',
  globalName: 'JsSIP',
  platform: 'browser',
  outfile: 'dist/jssip.js',
  logLevel: 'warning',
});
