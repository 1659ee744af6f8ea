-- CreateEnum
CREATE TYPE "SweepStatus" AS ENUM ('queued', 'running', 'completed', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "TrialStatus" AS ENUM ('queued', 'running', 'completed', 'failed', 'cancelled');

-- CreateTable
CREATE TABLE "Sweep" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "method" TEXT NOT NULL,
    "status" "SweepStatus" NOT NULL DEFAULT 'queued',
    "spec" JSONB NOT NULL,
    "objective" TEXT NOT NULL,
    "goal" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Sweep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Trial" (
    "id" UUID NOT NULL,
    "sweepId" UUID NOT NULL,
    "index" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "model" JSONB NOT NULL,
    "training" JSONB NOT NULL,
    "status" "TrialStatus" NOT NULL DEFAULT 'queued',
    "backend" TEXT,
    "workerId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "paramCount" INTEGER,
    "bestValError" DOUBLE PRECISION,
    "bestValLoss" DOUBLE PRECISION,
    "bestEpoch" INTEGER,
    "testError" DOUBLE PRECISION,
    "testLoss" DOUBLE PRECISION,
    "epochsRun" INTEGER,
    "stopReason" TEXT,
    "durationMs" INTEGER,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Trial_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EpochMetric" (
    "trialId" UUID NOT NULL,
    "epoch" INTEGER NOT NULL,
    "trainLoss" DOUBLE PRECISION NOT NULL,
    "trainError" DOUBLE PRECISION NOT NULL,
    "valLoss" DOUBLE PRECISION NOT NULL,
    "valError" DOUBLE PRECISION NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "samplesPerSec" DOUBLE PRECISION NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EpochMetric_pkey" PRIMARY KEY ("trialId","epoch")
);

-- CreateIndex
CREATE INDEX "Sweep_createdAt_idx" ON "Sweep"("createdAt");

-- CreateIndex
CREATE INDEX "Trial_sweepId_status_idx" ON "Trial"("sweepId", "status");

-- CreateIndex
CREATE INDEX "Trial_sweepId_bestValError_idx" ON "Trial"("sweepId", "bestValError");

-- CreateIndex
CREATE INDEX "Trial_sweepId_testError_idx" ON "Trial"("sweepId", "testError");

-- CreateIndex
CREATE INDEX "Trial_sweepId_bestValLoss_idx" ON "Trial"("sweepId", "bestValLoss");

-- CreateIndex
CREATE UNIQUE INDEX "Trial_sweepId_index_key" ON "Trial"("sweepId", "index");

-- AddForeignKey
ALTER TABLE "Trial" ADD CONSTRAINT "Trial_sweepId_fkey" FOREIGN KEY ("sweepId") REFERENCES "Sweep"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EpochMetric" ADD CONSTRAINT "EpochMetric_trialId_fkey" FOREIGN KEY ("trialId") REFERENCES "Trial"("id") ON DELETE CASCADE ON UPDATE CASCADE;
