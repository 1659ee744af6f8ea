-- CreateTable
CREATE TABLE "Checkpoint" (
    "trialId" UUID NOT NULL,
    "epoch" INTEGER NOT NULL,
    "storage" TEXT NOT NULL,
    "data" BYTEA,
    "path" TEXT,
    "sizeBytes" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Checkpoint_pkey" PRIMARY KEY ("trialId")
);

-- AddForeignKey
ALTER TABLE "Checkpoint" ADD CONSTRAINT "Checkpoint_trialId_fkey" FOREIGN KEY ("trialId") REFERENCES "Trial"("id") ON DELETE CASCADE ON UPDATE CASCADE;
