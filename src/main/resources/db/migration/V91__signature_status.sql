-- The signature workflow (io.breakwater.triage): per signature a status, who is on it, notes and bug links,
-- and whether it came back after being fixed. A signature without a row is "new".
-- Changing it needs the manage_signatures permission, which this migration grants to no group: an
-- administrator gives it to a group (superusers hold every permission).
CREATE TABLE signature_status (
    signature          text        PRIMARY KEY,
    status             text        NOT NULL CHECK (status IN ('new', 'open', 'fixed', 'ignored')),
    -- the first version with the fix; crashes of this or a later version flag a regression
    fixed_version      text        CHECK ((status = 'fixed') = (fixed_version IS NOT NULL)),
    assignee           text,
    note               text,
    bug_links          text[]      NOT NULL DEFAULT '{}',
    regression         boolean     NOT NULL DEFAULT false,
    regressed_version  text,
    regressed_crash_id text,
    regressed_at       timestamptz,
    updated_at         timestamptz NOT NULL DEFAULT now(),
    updated_by         text        NOT NULL,
    CHECK (regression = false OR status = 'fixed')
);
CREATE INDEX signature_status_fixed ON signature_status (signature) WHERE status = 'fixed' AND NOT regression;

-- What happened to each signature, newest last: status changes (who, from, to, note) and regressions.
CREATE TABLE signature_status_history (
    id             bigserial   PRIMARY KEY,
    signature      text        NOT NULL,
    at             timestamptz NOT NULL DEFAULT now(),
    actor          text        NOT NULL,
    event          text        NOT NULL CHECK (event IN ('status', 'regression')),
    from_status    text,
    to_status      text,
    fixed_version  text,
    -- regressions: the crash and version that brought the signature back
    version        text,
    crash_id       text,
    note           text
);
CREATE INDEX signature_status_history_signature ON signature_status_history (signature, at, id);
