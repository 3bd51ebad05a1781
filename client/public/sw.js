/* Judge tablet service worker (hand-written, no build step).
 * - /api/* is never cached: marks live in IndexedDB and go through the outbox.
 * - /assets/* (hashed file names) and the app shell: cache-first.
 * - navigations: network-first, falling back to the cached index.html (the SPA shell).
 * The page posts { type: 'cache-urls', urls } with the assets it loaded before this worker
 * controlled it, so lazy chunks are cached on the first online visit. */
const CACHE = 'wuxi-shell-v1';
const SHELL = ['/index.html', '/manifest.webmanifest', '/favicon.svg'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  const data = event.data;
  if (data && data.type === 'cache-urls' && Array.isArray(data.urls)) {
    const urls = data.urls.filter((u) => typeof u === 'string' && u.startsWith('/assets/'));
    event.waitUntil(
      caches
        .open(CACHE)
        .then((cache) =>
          Promise.all(
            urls.map((u) =>
              cache.match(u).then((hit) => (hit ? undefined : cache.add(u).catch(() => undefined))),
            ),
          ),
        ),
    );
  }
});

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request);
  if (hit) {
    return hit;
  }
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') {
    await cache.put(request, response.clone());
  }
  return response;
}

async function networkFirstShell(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && (response.headers.get('content-type') || '').includes('text/html')) {
      await cache.put('/index.html', response.clone());
    }
    return response;
  } catch (error) {
    const shell = await cache.match('/index.html');
    if (shell) {
      return shell;
    }
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') {
    return;
  }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/socket.io/')) {
    return; // Never cached: the browser goes to the network as if there were no worker.
  }
  if (request.mode === 'navigate') {
    event.respondWith(networkFirstShell(request));
    return;
  }
  if (url.pathname.startsWith('/assets/') || SHELL.includes(url.pathname)) {
    event.respondWith(cacheFirst(request));
  }
});
