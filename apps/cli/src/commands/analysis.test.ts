import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importanceText, timelineText } from './analysis.ts';

test('importance text: a bar per parameter, largest first as the API orders them, and the interactions worth naming', () => {
  const lines = importanceText({
    status: 'ok',
    objective: 'valError',
    trials: 40,
    used: 40,
    parameters: [
      { name: 'training.learningRate', label: 'lr', importance: 0.8, mainEffect: 0.7, std: 0.05 },
      { name: 'model.activation', label: 'activation', importance: 0.2, mainEffect: 0.175, std: 0.02 },
    ],
    interactions: [
      { a: 'training.learningRate', b: 'model.activation', label: 'lr × activation', share: 0.1 },
      { a: 'x', b: 'y', label: 'tiny', share: 0.001 },
    ],
  });
  assert.match(lines[0]!, /importance for valError .* 40 of 40 completed trials/);
  assert.match(lines[1]!, /^ {2}lr +█{21}·{9} +70\.0% ± 5\.0%$/);
  assert.match(lines[2]!, /^ {2}activation +█{5}·{25} +17\.5% ± 2\.0%$/);
  assert.deepEqual(lines.slice(3), ['  interactions (beyond the main effects):', '    lr × activation: 10.0%']);
});

test('importance text: no numbers says why', () => {
  assert.deepEqual(
    importanceText({ status: 'too-few-trials', objective: 'valError', trials: 3, minimum: 10, reason: 'needs at least 10 completed trials', parameters: [], interactions: [] }),
    ['no importance for valError yet: needs at least 10 completed trials'],
  );
});

test('timeline text: attempts per worker by outcome, busy time, running attempts up to the server clock, takeovers counted', () => {
  const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
  const attempt = (workerId: string | null, startedAt: number, endedAt: number | null, outcome: string | null, n = 1) => ({
    trialId: '00000000-0000-0000-0000-000000000000',
    index: 0,
    name: 't',
    trialStatus: outcome ?? 'running',
    attempt: n,
    workerId,
    startedAt: at(startedAt),
    endedAt: endedAt === null ? null : at(endedAt),
    outcome,
  });
  const lines = timelineText({
    sweepId: '00000000-0000-0000-0000-000000000001',
    now: at(200),
    attempts: [attempt('w1', 0, 100, 'completed'), attempt('w2', 10, 70, 'lost'), attempt('w1', 100, 130, 'pruned'), attempt('w2', 80, null, null, 2)],
  });
  assert.deepEqual(lines, [
    '4 attempts on 2 worker(s) over 3m 20s',
    '  w1: 2 attempts (1 completed, 1 pruned), busy 2m 10s',
    '  w2: 2 attempts (1 lost, 1 running), busy 3m 0s',
    '  1 attempt(s) took a trial over after an earlier attempt ended without a result',
  ]);
  assert.deepEqual(timelineText({ sweepId: 'x', now: at(0), attempts: [] }), ['no trial has been claimed yet']);
});
