-- The last epoch's validation metrics of a finished trial, recorded when it completes, so
-- "best by last epoch" reads the Trial rows instead of one EpochMetric probe per trial.
ALTER TABLE "Trial" ADD COLUMN "lastEpoch" INTEGER;
ALTER TABLE "Trial" ADD COLUMN "lastValError" DOUBLE PRECISION;
ALTER TABLE "Trial" ADD COLUMN "lastValLoss" DOUBLE PRECISION;

UPDATE "Trial" t
   SET "lastEpoch" = last.epoch, "lastValError" = last."valError", "lastValLoss" = last."valLoss"
  FROM (SELECT DISTINCT ON ("trialId") "trialId", epoch, "valError", "valLoss"
          FROM "EpochMetric" ORDER BY "trialId", epoch DESC) last
 WHERE last."trialId" = t.id AND t.status IN ('completed', 'pruned');

-- Partial: a trial gets its entry when it completes, so creating 10,000 trials (all NULL
-- here) writes nothing to these indexes.
CREATE INDEX "Trial_sweepId_lastValError_idx" ON "Trial"("sweepId", "lastValError") WHERE "lastValError" IS NOT NULL;
CREATE INDEX "Trial_sweepId_lastValLoss_idx" ON "Trial"("sweepId", "lastValLoss") WHERE "lastValLoss" IS NOT NULL;
