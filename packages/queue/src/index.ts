export * from './redis.ts';
export * from './trial-queue.ts';
export * from './cancel-channel.ts';
export * from './events.ts';
export * from './worker-registry.ts';
export * from './control-queue.ts';
export * from './schedule-result.ts';
