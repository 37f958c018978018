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
// MDM endpoints (/mdm/), profile downloads (/enrollment-profiles/), the
// account-driven enrollment's discovery (/.well-known/) and its finish,
// whose 308 hands Settings the token (a cached shell there would show
// "Page not found" in Settings' sheet instead). They
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
// Every page of the SPA starts from this one file: the server sends it
// with the page drawn in and the app's start data (its first paint), and
// keeps the file itself plain, with nobody's data, for this cache. Pages
// come from the server while it answers in time with this version's
// page, from here otherwise (offline, too slow, or a newer deployment
// whose worker has not taken over yet).
const SHELL = "/index.html";
// How long a page may take before the cached shell is shown instead.
const NETWORK_PATIENCE_MS = 3000;
const NETWORK_ONLY = [
  "/api/",
  "/mdm/",
  "/enrollment-profiles/",
  "/.well-known/",
  "/account-enrollment/finish",
];
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
  // The main module is named in index.html (the pages' modules only in
  // its route table, and not every shared chunk).
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
      // Pages are asked for while the worker starts, not after.
      const preload = self.registration.navigationPreload;
      if (preload) await (PRECACHE.length > 0 ? preload.enable() : preload.disable());
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
  const networkOnly = NETWORK_ONLY.some((prefix) => url.pathname.startsWith(prefix));
  // A page of the SPA is a path without a file extension; any other
  // navigation (the sign-in's callback, a download, an icon opened
  // directly) goes to the network.
  if (request.mode === "navigate" && (networkOnly || /\.[^/]+$/.test(url.pathname))) {
    // With navigation preload on, the browser has sent this request already:
    // answer with that one, or it goes out twice (and the sign-in's
    // callback, whose code works once, fails the second time).
    event.respondWith(fromNetwork(event));
    return;
  }
  if (networkOnly) return;
  if ((request.headers.get("accept") || "").includes("text/event-stream")) return;

  if (request.mode === "navigate") {
    event.respondWith(page(event));
  } else if (PRECACHE.includes(url.pathname)) {
    event.respondWith(cachedOrNetwork(url.pathname, request));
  }
});

// A page: the server's when it answers in time and belongs to this
// version (or redirects), else this version's shell.
async function page(event) {
  const preloaded = event.preloadResponse;
  if (preloaded) event.waitUntil(preloaded.then(ignore, ignore));
  if (self.navigator.onLine !== false) {
    try {
      const response = await withinPatience(
        (async () => (await preloaded) || fetch(event.request))(),
      );
      if (response.type === "opaqueredirect" || (response.status >= 300 && response.status < 400)) {
        return response;
      }
      if (response.ok && (await isThisVersion(response.clone()))) return response;
    } catch (_) {
      // Offline, unreachable or too slow: the shell.
    }
  }
  return cachedOrNetwork(SHELL, event.request);
}

function ignore() {}

// The navigation preload's answer (redirects included), else the request.
async function fromNetwork(event) {
  return (await event.preloadResponse) || fetch(event.request);
}

function withinPatience(promise) {
  return new Promise((resolve, reject) => {
    setTimeout(() => reject(new Error("too slow")), NETWORK_PATIENCE_MS);
    promise.then(resolve, reject);
  });
}

// Whether a page loads this version's app (a newer deployment's would run
// under a worker that caches another version's files): it names one of
// this version's WebAssembly modules.
async function isThisVersion(response) {
  const html = await response.text();
  return PRECACHE.some((url) => url.endsWith(".wasm") && html.includes(url));
}

// This version's copy; the network only if the browser evicted it.
async function cachedOrNetwork(key, request) {
  const cache = await caches.open(CACHE);
  return (await cache.match(key, MATCH)) || fetch(request);
}
