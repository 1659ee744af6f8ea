-- Program trials (docs/programs.md): a program need not report its training error.
ALTER TABLE "EpochMetric" ALTER COLUMN "trainError" DROP NOT NULL;

-- A program trial's captured output (stdout, stderr, modelspace's own notes), its newest
-- lines only, bounded by the worker: one row per trial, replaced as the program runs.
CREATE TABLE "TrialLog" (
    "trialId" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "droppedLines" INTEGER NOT NULL DEFAULT 0,
    -- True once the attempt that wrote it has ended: nothing more will come.
    "final" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrialLog_pkey" PRIMARY KEY ("trialId")
);
ALTER TABLE "TrialLog" ADD CONSTRAINT "TrialLog_trialId_fkey" FOREIGN KEY ("trialId") REFERENCES "Trial"("id") ON DELETE CASCADE ON UPDATE CASCADE;
