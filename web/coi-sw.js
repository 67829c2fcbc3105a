// basin's service worker: makes the site cross-origin isolated on any static file server.
//
// The threaded build needs shared memory, which a browser gives only to a page served with
// `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: require-corp`.
// Many hosts (GitHub Pages, `python3 -m http.server`) cannot send them; this worker adds them
// to every same-origin response it hands to the page: the page itself (whose COOP/COEP decide
// whether it is isolated), its scripts, the wasm and the font. Requests to other origins are
// left alone (basin makes none). index.html registers it when the page is not isolated and
// reloads once; from then on the worker answers every visit, so a page on a plain server loads
// once, not twice.

"use strict";

// A new version takes over at the next visit, without waiting for every tab to close.
self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (new URL(request.url).origin !== self.location.origin) return;
  // A request the browser may answer only from its cache cannot be refetched here.
  if (request.cache === "only-if-cached" && request.mode !== "same-origin") return;
  event.respondWith(withIsolation(request));
});

async function withIsolation(request) {
  const response = await fetch(request);
  // Redirects (a navigation's are opaque) and errors pass as they are: only a plain
  // same-origin response can be copied with new headers.
  if (response.type !== "basic" || response.status === 0) return response;
  const headers = new Headers(response.headers);
  headers.set("Cross-Origin-Opener-Policy", "same-origin");
  headers.set("Cross-Origin-Embedder-Policy", "require-corp");
  // Same-origin resources need no CORP under require-corp; said anyway, so the answer is the
  // same as from a server that sends all three.
  headers.set("Cross-Origin-Resource-Policy", "same-origin");
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}
