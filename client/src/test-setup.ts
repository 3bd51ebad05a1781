// The tablet keeps marks in IndexedDB and the last sync time in localStorage: give the specs a real
// IndexedDB implementation (fake-indexeddb) and an in-memory localStorage, as a browser would have.
import 'fake-indexeddb/auto';

const entries = new Map<string, string>();
const memoryStorage: Storage = {
  get length() {
    return entries.size;
  },
  clear: () => entries.clear(),
  getItem: (key) => entries.get(key) ?? null,
  key: (i) => [...entries.keys()][i] ?? null,
  removeItem: (key) => void entries.delete(key),
  setItem: (key, value) => void entries.set(key, String(value)),
};
Object.defineProperty(globalThis, 'localStorage', { value: memoryStorage, configurable: true });
