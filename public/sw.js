// Company Portal's service worker: the portal opens offline, and fast on a
// slow network, from a cache holding exactly one deployment's files.
//
// This is the template. `cargo xtask build` rewrites dist/sw.js after Trunk
// copied it here, filling in VERSION and PRECACHE (xtask/src/build.rs), so
// each deployment's worker has other bytes and browsers install it as a new
// version. Built without xtask (plain `trunk build` or `trunk serve`),
// PRECACHE stays empty and the worker caches and intercepts nothing.
//
// Never touched: the API (/api/, its event streams included), the devices'
// MDM endpoints (/mdm/) and profile downloads (/enrollment-profiles/). They
// always reach the network exactly as the page sent them, so nothing is ever
// answered from a cache, queued or replayed behind the person's back.
//
// Updates: a new version installs and then waits. Only when the person
// chooses to reload does the page send it "skip-waiting"
// (src/service_worker.rs), so no page ever runs one version's JS with
// another version's wasm, and nothing the person is doing gets lost.

const VERSION = "unversioned";
const PRECACHE = [];

const CACHE = "portal-" + VERSION;
// Every page of the SPA is this one file (the server does the same).
const SHELL = "/index.html";
const NETWORK_ONLY = ["/api/", "/mdm/", "/enrollment-profiles/"];
// One copy per URL here, so the stored Accept-Encoding never matters.
const MATCH = { ignoreVary: true, ignoreSearch: true };

self.addEventListener("install", (event) => {
  if (PRECACHE.length === 0) return;
  event.waitUntil(precache());
});

async function precache() {
  const cache = await caches.open(CACHE);
  await cache.addAll(PRECACHE);
  // A deployment between fetching this script and index.html would pair
  // this version's list with another version's shell: refuse to install
  // then (the browser tries again at its next update check).
  const shell = await cache.match(SHELL, MATCH);
  const html = shell ? await shell.text() : "";
  // The main module is named in index.html; the pages' modules are not.
  const modules = PRECACHE.filter((url) => url.endsWith("_bg.wasm"));
  if (!modules.every((url) => html.includes(url))) {
    await caches.delete(CACHE);
    throw new Error("index.html does not belong to service worker " + VERSION);
  }
}

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("portal-") && name !== CACHE) await caches.delete(name);
      }
      // The very first install takes the open page at once, so it works
      // offline without a reload; an update only activates after the page
      // asked for it (or once no page of the old version is open).
      if (PRECACHE.length > 0) await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  if (PRECACHE.length === 0) return;
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (NETWORK_ONLY.some((prefix) => url.pathname.startsWith(prefix))) return;
  if ((request.headers.get("accept") || "").includes("text/event-stream")) return;

  if (request.mode === "navigate") {
    // A page of the SPA is a path without a file extension; anything else
    // (an icon opened directly, a download) goes to the network.
    if (/\.[^/]+$/.test(url.pathname)) return;
    event.respondWith(cachedOrNetwork(SHELL, request));
  } else if (PRECACHE.includes(url.pathname)) {
    event.respondWith(cachedOrNetwork(url.pathname, request));
  }
});

// This version's copy; the network only if the browser evicted it.
async function cachedOrNetwork(key, request) {
  const cache = await caches.open(CACHE);
  return (await cache.match(key, MATCH)) || fetch(request);
}
