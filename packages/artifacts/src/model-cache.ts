import { LRUCache } from 'lru-cache';

/**
 * Loaded models by key (trial id + weights checksum, so a replaced artifact is never served
 * stale), at most `max` at once: the least recently used is evicted and disposed. Holds the
 * loading promise, so concurrent first requests load a model once.
 */
export function createModelCache<M extends { dispose(): void }>(max: number) {
  const cache = new LRUCache<string, Promise<M>>({
    max,
    dispose: (pending) => void pending.then((m) => m.dispose(), () => {}),
  });
  return {
    get(key: string, load: () => Promise<M>): Promise<M> {
      let pending = cache.get(key);
      if (!pending) {
        pending = load();
        cache.set(key, pending);
        // A failed load is not cached: the next request tries again.
        pending.catch(() => {
          if (cache.get(key) === pending) cache.delete(key);
        });
      }
      return pending;
    },
    get size() {
      return cache.size;
    },
    clear: () => cache.clear(),
  };
}
