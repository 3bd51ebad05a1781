/**
 * Registers the hand-written service worker (client/public/sw.js) and hands it the assets this
 * page has loaded, so a reload without network still finds the app shell and its chunks.
 */
export async function registerServiceWorker(): Promise<void> {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) {
    return;
  }
  try {
    await navigator.serviceWorker.register('/sw.js', { scope: '/' });
    const ready = await navigator.serviceWorker.ready;
    const urls = performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name))
      .filter((url) => url.origin === location.origin && url.pathname.startsWith('/assets/'))
      .map((url) => url.pathname);
    ready.active?.postMessage({ type: 'cache-urls', urls: [...new Set(urls)] });
  } catch {
    // No service worker (private mode, old browser): the tablet still works online.
  }
}
