-- CreateTable
CREATE TABLE "Artifact" (
    "trialId" UUID NOT NULL,
    "sweepId" UUID NOT NULL,
    "storage" TEXT NOT NULL,
    "path" TEXT,
    "weights" BYTEA,
    "sha256" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "modelJson" JSONB NOT NULL,
    "metadata" JSONB NOT NULL,
    "objectiveValue" DOUBLE PRECISION,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Artifact_pkey" PRIMARY KEY ("trialId")
);

-- CreateIndex
CREATE INDEX "Artifact_sweepId_objectiveValue_idx" ON "Artifact"("sweepId", "objectiveValue");

-- AddForeignKey
ALTER TABLE "Artifact" ADD CONSTRAINT "Artifact_trialId_fkey" FOREIGN KEY ("trialId") REFERENCES "Trial"("id") ON DELETE CASCADE ON UPDATE CASCADE;
