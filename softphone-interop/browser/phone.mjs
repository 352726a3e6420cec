// A WebRTC phone in headless Chromium (JsSIP), driven line by line: one JSON config as the first argument,
// commands on stdin ("call <uri>", "hangup", "reject [status]", "measure [ms]", "quit"), one JSON event per line on stdout.
// Used by the interop tests (BrowserPhone.java). Needs `npm ci` and `node build.mjs` first (dist/jssip.js).
import { chromium } from 'playwright-core';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const config = JSON.parse(process.argv[2] || '{}');
const out = (event, fields) => process.stdout.write(JSON.stringify(Object.assign({ event }, fields || {})) + '\n');

let browser = null;
let quitting = false;

async function quit(code) {
  if (quitting) return;
  quitting = true;
  try {
    if (browser) await browser.close();
  } catch (e) {
    process.stderr.write('browser.close: ' + e + '\n');
  }
  out('closed');
  process.exit(code);
}

async function main() {
  const started = Date.now();
  browser = await chromium.launch({
    executablePath: config.chromium || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream', '--use-file-for-fake-audio-capture=' + config.wav,
      '--allow-loopback-in-peer-connection', '--disable-features=WebRtcHideLocalIpsWithMdns',
      '--ignore-certificate-errors', '--autoplay-policy=no-user-gesture-required',
      '--disable-crash-reporter', '--disable-breakpad', '--no-default-browser-check', '--mute-audio',
    ],
  });
  const page = await browser.newPage();
  page.on('console', (m) => process.stderr.write('[page ' + m.type() + '] ' + m.text() + '\n'));
  page.on('pageerror', (e) => out('error', { message: 'page: ' + e.message }));
  await page.exposeFunction('emitEvent', (json) => process.stdout.write(json + '\n'));
  await page.goto(pathToFileURL(join(here, 'page', 'phone.html')).href);
  out('browser', { launchMs: Date.now() - started });
  await page.evaluate((c) => window.phone.start(c), config);

  const rl = createInterface({ input: process.stdin });
  rl.on('close', () => quit(0));
  for await (const line of rl) {
    const [cmd, ...rest] = line.trim().split(/\s+/);
    try {
      if (cmd === 'call') {
        await page.evaluate((t) => window.phone.call(t), rest[0]);
      } else if (cmd === 'reject') {
        await page.evaluate((s) => window.phone.reject(s), Number(rest[0] || 486));
      } else if (cmd === 'hangup') {
        await page.evaluate(() => window.phone.hangup());
      } else if (cmd === 'measure') {
        const ms = Number(rest[0] || 1500);
        out('measurement', await page.evaluate((m) => window.phone.measure(m), ms));
      } else if (cmd === 'quit') {
        await page.evaluate(() => window.phone.stop()).catch(() => {});
        await quit(0);
      } else if (cmd) {
        out('error', { message: 'unknown command: ' + cmd });
      }
    } catch (e) {
      out('error', { message: cmd + ': ' + (e && e.message ? e.message : e) });
    }
  }
}

process.on('SIGTERM', () => quit(0));
main().catch((e) => {
  out('error', { message: 'start: ' + (e && e.stack ? e.stack : e) });
  quit(1);
});
