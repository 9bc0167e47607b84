-- Scheduled maintenance (io.breakwater.jobs): one row per job with its schedule and lock, and the history
-- of runs. Several instances may share the database: a run starts only by taking the row's lease.
CREATE TABLE job_state (
    name              text        PRIMARY KEY,
    next_run_at       timestamptz NOT NULL,
    -- "run now" from the Jobs page
    requested_at      timestamptz,
    last_started_at   timestamptz,
    last_finished_at  timestamptz,
    last_success_at   timestamptz,
    -- the schedule slot the last success covered (backfilled jobs run once per missed slot)
    last_success_slot timestamptz,
    last_error_at     timestamptz,
    last_error        text,
    consecutive_failures integer NOT NULL DEFAULT 0,
    -- the lock: which instance runs the job now, until when (renewed while it runs)
    running_owner     text,
    lease_until       timestamptz
);

CREATE TABLE job_run (
    id          bigserial   PRIMARY KEY,
    name        text        NOT NULL,
    slot        timestamptz NOT NULL,
    owner       text        NOT NULL,
    started_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    -- running, ok, failed, abandoned (its instance died; the lease ran out)
    outcome     text        NOT NULL,
    summary     text        NOT NULL DEFAULT ''
);
CREATE INDEX job_run_name ON job_run (name, started_at DESC);

-- Crashes kept past retention as evidence: the first few of each signature (retention job).
CREATE TABLE retained_crash (
    crash_id     text        PRIMARY KEY,
    signature    text        NOT NULL,
    submitted_on date        NOT NULL,
    kept_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX retained_crash_signature ON retained_crash (signature);

-- Raw crashes found without a processed crash (verify-processed job, Socorro's MissingProcessedCrash).
CREATE TABLE missing_processed_crash (
    crash_id     text        PRIMARY KEY,
    found_at     timestamptz NOT NULL DEFAULT now(),
    requeued     boolean     NOT NULL DEFAULT false,
    processed_at timestamptz
);
