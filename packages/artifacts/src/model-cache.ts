import { LRUCache } from 'lru-cache';

/**
 * Loaded models by key (trial id + weights checksum, so a replaced artifact is never served
 * stale), at most `max` at once: the least recently used is evicted and disposed. Holds the
 * loading promise, so concurrent first requests load a model once.
 */
export function createModelCache<M extends { dispose(): void }>(max: number) {
  const cache = new LRUCache<string, Promise<M>>({
    max,
    // Disposed on a timer, after the microtasks already queued: a request whose `get` just
    // resolved to this model runs its (synchronous) prediction before the model goes.
    dispose: (pending) =>
      void pending.then(
        (m) => setTimeout(() => m.dispose(), 0),
        () => {},
      ),
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
