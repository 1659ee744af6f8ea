-- Uploaded datasets (docs/datasets.md): one row per dataset, its bytes stored once per
-- sha256 (a file under ARTIFACT_DIR, or a DatasetBlob row), and the sweeps that name each.
CREATE TABLE "Dataset" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "storage" TEXT NOT NULL,
    "sizeBytes" BIGINT NOT NULL,
    "dtype" TEXT NOT NULL,
    "height" INTEGER NOT NULL,
    "width" INTEGER NOT NULL,
    "channels" INTEGER NOT NULL,
    "classes" INTEGER NOT NULL,
    "classNames" JSONB,
    "trainCount" INTEGER NOT NULL,
    "valCount" INTEGER NOT NULL,
    "testCount" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Dataset_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Dataset_projectId_name_key" ON "Dataset"("projectId", "name");
CREATE INDEX "Dataset_sha256_idx" ON "Dataset"("sha256");
ALTER TABLE "Dataset" ADD CONSTRAINT "Dataset_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "DatasetBlob" (
    "sha256" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DatasetBlob_pkey" PRIMARY KEY ("sha256")
);

CREATE TABLE "SweepDataset" (
    "sweepId" UUID NOT NULL,
    "datasetId" UUID NOT NULL,

    CONSTRAINT "SweepDataset_pkey" PRIMARY KEY ("sweepId", "datasetId")
);
CREATE INDEX "SweepDataset_datasetId_idx" ON "SweepDataset"("datasetId");
ALTER TABLE "SweepDataset" ADD CONSTRAINT "SweepDataset_sweepId_fkey" FOREIGN KEY ("sweepId") REFERENCES "Sweep"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "SweepDataset" ADD CONSTRAINT "SweepDataset_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
