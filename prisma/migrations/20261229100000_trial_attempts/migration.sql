-- Each claim of a trial by a worker, from claim to end: the dashboard's timeline (one bar
-- per attempt). A trigger on "Trial" writes it, so every statement that claims or ends a
-- trial (worker, API, scheduler) is recorded without each having to remember to.
CREATE TABLE "TrialAttempt" (
    "trialId" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "workerId" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    -- completed | pruned | failed | cancelled | retried (failed, tried again) | handed back
    -- (its worker shut down) | lost (its worker died; another took the job); null while it runs.
    "outcome" TEXT,

    CONSTRAINT "TrialAttempt_pkey" PRIMARY KEY ("trialId", "attempt")
);
ALTER TABLE "TrialAttempt" ADD CONSTRAINT "TrialAttempt_trialId_fkey" FOREIGN KEY ("trialId") REFERENCES "Trial"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE FUNCTION "record_trial_attempt"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.attempts > OLD.attempts THEN
    -- A claim. An attempt still open was lost: its worker died and its job was handed on.
    UPDATE "TrialAttempt" SET "endedAt" = now(), "outcome" = 'lost' WHERE "trialId" = NEW.id AND "endedAt" IS NULL;
    INSERT INTO "TrialAttempt" ("trialId", "attempt", "workerId", "startedAt")
         VALUES (NEW.id, NEW.attempts, NEW."workerId", COALESCE(NEW."startedAt", now()))
    ON CONFLICT ("trialId", "attempt") DO NOTHING;
  ELSIF NEW.status IS DISTINCT FROM OLD.status THEN
    -- An end. Back to queued with an error is a failure that will be retried; without one,
    -- a hand-back (a claim clears the error).
    UPDATE "TrialAttempt"
       SET "endedAt" = now(),
           "outcome" = CASE WHEN NEW.status = 'queued' AND NEW.error IS NOT NULL THEN 'retried'
                            WHEN NEW.status = 'queued' THEN 'handed back'
                            ELSE NEW.status::text END
     WHERE "trialId" = NEW.id AND "endedAt" IS NULL;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Trial_record_attempt" AFTER UPDATE OF status, attempts ON "Trial" FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.attempts IS DISTINCT FROM NEW.attempts)
  EXECUTE FUNCTION "record_trial_attempt"();
