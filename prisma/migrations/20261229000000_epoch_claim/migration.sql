-- Which claim of its trial wrote an epoch row (Trial.attempts at the claim), so a write
-- made after the claim was taken over would be visible: the fault drill checks it.
ALTER TABLE "EpochMetric" ADD COLUMN "claim" INTEGER;
