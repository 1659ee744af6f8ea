-- AlterEnum
ALTER TYPE "SweepStatus" ADD VALUE 'paused';
ALTER TYPE "SweepStatus" ADD VALUE 'stopping';
ALTER TYPE "SweepStatus" ADD VALUE 'stopped';

-- AlterEnum
ALTER TYPE "TrialStatus" ADD VALUE 'pruned';

-- AlterTable
ALTER TABLE "Sweep" ADD COLUMN     "maxConcurrentTrials" INTEGER,
ADD COLUMN     "maxDurationSeconds" INTEGER,
ADD COLUMN     "maxFailedTrials" INTEGER,
ADD COLUMN     "maxTrials" INTEGER,
ADD COLUMN     "methodState" JSONB,
ADD COLUMN     "statusReason" TEXT;

-- AlterTable
ALTER TABLE "Trial" ADD COLUMN     "diff" JSONB,
ADD COLUMN     "params" JSONB,
ADD COLUMN     "parentId" UUID,
ADD COLUMN     "statusReason" TEXT,
ADD COLUMN     "variantHash" TEXT;

-- Trials created before this migration: each its own hash, so the unique index holds.
UPDATE "Trial" SET "variantHash" = "id"::text WHERE "variantHash" IS NULL;
ALTER TABLE "Trial" ALTER COLUMN "variantHash" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "Trial_sweepId_variantHash_key" ON "Trial"("sweepId", "variantHash");

-- CreateIndex
CREATE INDEX "Trial_parentId_idx" ON "Trial"("parentId");

-- AddForeignKey
ALTER TABLE "Trial" ADD CONSTRAINT "Trial_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Trial"("id") ON DELETE SET NULL ON UPDATE CASCADE;
