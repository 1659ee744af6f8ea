import { decide, applyAssignment } from '../space/assignment.ts';
import { createRng } from '../space/rng.ts';
import { takenHashes, tryPropose, type SearchMethod } from './method.ts';
import { samplePrior } from './sample.ts';

/** Draws before concluding that the space holds nothing new (a small finite space). */
const MAX_DRAWS_PER_PROPOSAL = 500;

/**
 * Seeded random search without repeats: the draw depends on the seed and on how many
 * trials exist, so the same history always yields the same proposals.
 */
export const random: SearchMethod = {
  ask(ctx) {
    const rng = createRng(ctx.seed, ctx.history.length);
    const taken = takenHashes(ctx.history);
    const proposals = [];
    while (proposals.length < ctx.n) {
      let found = null;
      for (let draw = 0; draw < MAX_DRAWS_PER_PROPOSAL && !found; draw++) {
        const params = decide(ctx.space, (_path, p) => samplePrior(p, rng));
        found = tryPropose(ctx, taken, params, applyAssignment(ctx.space, params));
      }
      if (!found) return { proposals, exhausted: true };
      proposals.push(found);
    }
    return { proposals, exhausted: false };
  },
};
