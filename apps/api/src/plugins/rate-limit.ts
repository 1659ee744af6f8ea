import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { DomainError } from '@modelspace/core';
import { OFF_IDENTITY } from './auth.ts';

export interface RateLimitOptions {
  /** Requests per key per minute; 0 turns limiting off. */
  perMinute: number;
  /** Counters live in Redis, so every API process behind a balancer shares them. */
  redis: Redis;
  /** Key prefix in Redis (the deployment's QUEUE_PREFIX). */
  prefix: string;
}

/**
 * Per-key rate limiting (@fastify/rate-limit, Redis store). Runs after the auth hook, so it
 * counts by API key id; public routes and requests without a key are not counted (they are
 * cheap, and a bad key is refused before any work). When Redis cannot be reached requests
 * go through: the limit protects the service, it must not take it down.
 */
export async function registerRateLimit(app: FastifyInstance, opts: RateLimitOptions): Promise<void> {
  if (opts.perMinute <= 0) return;
  await app.register(rateLimit, {
    global: true,
    max: opts.perMinute,
    timeWindow: 60_000,
    redis: opts.redis,
    nameSpace: `${opts.prefix}:ratelimit:`,
    skipOnError: true,
    // With API_AUTH=off (where startApi turns limiting off anyway) every caller is one identity: count by address.
    keyGenerator: (request) => (request.auth && request.auth !== OFF_IDENTITY ? `key:${request.auth.keyId}` : `ip:${request.ip}`),
    allowList: (request) => !request.auth,
    errorResponseBuilder: (_request, context) =>
      new DomainError('RATE_LIMITED', `rate limit reached: at most ${context.max} requests per minute for this key; retry in ${context.after}`, [
        { field: 'authorization', reason: `more than ${context.max} requests in a minute` },
      ]),
  });
}

/** Failed or not, logins per client address per minute (where rate limiting is on): keys cannot be guessed at speed. */
export const LOGIN_ATTEMPTS_PER_MINUTE = 10;

/**
 * The route options of POST /auth/login: a public route, so the per-key limit above skips
 * it; it is counted per client address instead.
 */
export const LOGIN_RATE_LIMIT = {
  rateLimit: {
    max: LOGIN_ATTEMPTS_PER_MINUTE,
    timeWindow: 60_000,
    keyGenerator: (request: { ip: string }) => `login:${request.ip}`,
    allowList: () => false,
    errorResponseBuilder: (_request: unknown, context: { max: number; after: string }) =>
      new DomainError('RATE_LIMITED', `too many logins: at most ${context.max} a minute from one address; retry in ${context.after}`, [
        { field: 'key', reason: `more than ${context.max} logins in a minute` },
      ]),
  },
};
