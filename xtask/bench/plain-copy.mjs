// The plain copy of a page for `cargo xtask bench`: what the SPA rendered,
// saved as a static HTML file without scripts, to measure beside the page.
//
//   node xtask/bench/plain-copy.mjs '<options as JSON>'
//
// Options: chromium (the binary), flags (Chromium's command-line flags),
// userDataDir (a fresh profile), url, cookie (a `Cookie` header for every
// request, or null), userAgent (or null: Lighthouse's emulated phone's),
// ready (a CSS selector that is there once the page shows what it is for),
// out (the file to write).
//
// The page is opened as Lighthouse opens it (its mobile screen and user
// agent, puppeteer-core and Lighthouse from xtask/npm), and saved once the
// app has taken over from the server's first paint, the page shows
// `ready`, nothing is loading (`.loading`, `aria-busy="true"`) and the DOM
// has stopped changing. The copy is the DOM without <script>s and
// without the module and wasm preloads; it keeps the app's own stylesheet
// links, since the portal's Content-Security-Policy (`style-src 'self'`)
// would refuse inline CSS, and keeps every attribute the app set.
import { createRequire } from 'node:module';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', 'npm', 'package.json'));
const puppeteer = require('puppeteer-core');
const { screenEmulationMetrics, userAgents } = await import(
  pathToFileURL(require.resolve('lighthouse/core/config/constants.js')).href
);

/// Long enough for a release SPA on a busy 2-core machine.
const PATIENCE_MS = 60_000;
/// The DOM counts as settled after this long without a change.
const QUIET_MS = 500;

const options = JSON.parse(process.argv[2] ?? '{}');
for (const key of ['chromium', 'flags', 'userDataDir', 'url', 'ready', 'out']) {
  if (options[key] === undefined) {
    console.error(`plain-copy: missing option ${key}`);
    process.exit(2);
  }
}

const browser = await puppeteer.launch({
  executablePath: options.chromium,
  headless: true,
  userDataDir: options.userDataDir,
  args: options.flags,
  acceptInsecureCerts: true,
  timeout: PATIENCE_MS,
  protocolTimeout: PATIENCE_MS,
});
try {
  const page = await browser.newPage();
  const screen = screenEmulationMetrics.mobile;
  await page.emulate({
    userAgent: options.userAgent ?? userAgents.mobile,
    viewport: {
      width: screen.width,
      height: screen.height,
      deviceScaleFactor: screen.deviceScaleFactor,
      isMobile: true,
      hasTouch: true,
    },
  });
  if (options.cookie) {
    await page.setExtraHTTPHeaders({ Cookie: options.cookie });
  }
  await page.goto(options.url, { waitUntil: 'load', timeout: PATIENCE_MS });
  try {
    await page.waitForFunction(
      (ready) =>
        // The app's page, not the server's drawing of it (the first paint,
        // which the app replaces as it starts).
        document.getElementById('first-paint') === null &&
        document.querySelector(ready) !== null &&
        document.querySelector('.loading, [aria-busy="true"]') === null,
      { timeout: PATIENCE_MS, polling: 100 },
      options.ready,
    );
  } catch (error) {
    const shown = await page.evaluate(() => document.body?.innerText ?? '').catch(() => '');
    throw new Error(
      `${options.url} did not show ${options.ready} within ${PATIENCE_MS / 1000} s ` +
        `(at ${page.url()}, showing: ${shown.slice(0, 300)})`,
      { cause: error },
    );
  }
  await page.evaluate(
    (quietMs, patienceMs) =>
      new Promise((resolve) => {
        let timer = setTimeout(done, quietMs);
        const giveUp = setTimeout(done, patienceMs);
        const observer = new MutationObserver(() => {
          clearTimeout(timer);
          timer = setTimeout(done, quietMs);
        });
        observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
        function done() {
          observer.disconnect();
          clearTimeout(timer);
          clearTimeout(giveUp);
          resolve();
        }
      }),
    QUIET_MS,
    PATIENCE_MS,
  );
  const html = await page.evaluate(() => {
    const root = document.documentElement.cloneNode(true);
    const scripted = root.querySelectorAll(
      'script, link[rel="modulepreload"], link[rel="preload"], noscript',
    );
    for (const element of scripted) {
      element.remove();
    }
    return `<!DOCTYPE html>\n${root.outerHTML}\n`;
  });
  await writeFile(options.out, html);
  console.log(`plain copy of ${page.url()} saved to ${options.out} (${html.length} characters)`);
} finally {
  await browser.close();
}
