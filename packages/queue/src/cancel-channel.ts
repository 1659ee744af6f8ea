import type { Redis } from 'ioredis';
import type { QueueNames } from './trial-queue.ts';

/** Pub/sub channel on which the API tells every worker that trials were cancelled. */
export function cancelChannel(names: QueueNames): string {
  return `${names.prefix}:trial-cancel`;
}

export async function publishCancel(redis: Redis, names: QueueNames, trialIds: string[]): Promise<void> {
  if (trialIds.length) await redis.publish(cancelChannel(names), JSON.stringify(trialIds));
}

/** Calls onCancel with each cancelled trial id; returns a function that unsubscribes. */
export async function subscribeCancel(subscriber: Redis, names: QueueNames, onCancel: (trialId: string) => void): Promise<() => Promise<void>> {
  const channel = cancelChannel(names);
  const listener = (ch: string, message: string) => {
    if (ch !== channel) return;
    try {
      for (const id of JSON.parse(message) as string[]) onCancel(id);
    } catch {
      // A malformed message is not ours to act on.
    }
  };
  subscriber.on('message', listener);
  await subscriber.subscribe(channel);
  return async () => {
    subscriber.off('message', listener);
    await subscriber.unsubscribe(channel);
  };
}
