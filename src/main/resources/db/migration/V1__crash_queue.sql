-- Durable processing queue (io.breakwater.queue.CrashQueue).
-- One row per queued crash and lane. A claim sets state CLAIMED and pushes available_at to the lease
-- expiry, so "claimable" is simply available_at <= now() for PENDING and CLAIMED rows: an expired lease
-- makes the row claimable again. Completed rows are deleted; PARKED rows keep their last error.
CREATE TABLE crash_queue (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    crash_id        VARCHAR(36)  NOT NULL,
    lane            VARCHAR(16)  NOT NULL CHECK (lane IN ('PRIORITY', 'STANDARD', 'REPROCESSING')),
    ruleset         VARCHAR(64),
    state           VARCHAR(16)  NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'CLAIMED', 'PARKED')),
    attempts        INTEGER      NOT NULL DEFAULT 0,
    available_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    lease_owner     VARCHAR(200),
    claim_token     UUID,
    last_error      TEXT,
    enqueued_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Enqueue is idempotent per crash and lane while an item is waiting.
CREATE UNIQUE INDEX crash_queue_pending_once ON crash_queue (crash_id, lane) WHERE state = 'PENDING';

-- The claim scan: per lane, oldest claimable first.
CREATE INDEX crash_queue_claimable ON crash_queue (lane, available_at, id) WHERE state IN ('PENDING', 'CLAIMED');

CREATE INDEX crash_queue_crash ON crash_queue (crash_id);
CREATE INDEX crash_queue_parked ON crash_queue (updated_at) WHERE state = 'PARKED';
