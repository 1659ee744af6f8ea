-- Worker pools: each trial names the pool whose workers train it (docs/deploy.md).
ALTER TABLE "Trial" ADD COLUMN "pool" TEXT NOT NULL DEFAULT 'cpu';

-- List and grid sweeps settle at a trial's end without a scheduling step (docs/architecture.md).
ALTER TABLE "Sweep" ADD COLUMN "stepOnTrialEnd" BOOLEAN NOT NULL DEFAULT true;
