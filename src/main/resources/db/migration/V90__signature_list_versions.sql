-- Signature-list versions, their activations, and preview/apply runs (io.breakwater.signaturerules).
-- The active lists are those of the newest activation; none means the configured lists.
CREATE TABLE signature_list_version (
    id           bigserial   PRIMARY KEY,
    sentinels    text        NOT NULL,
    irrelevant   text        NOT NULL,
    prefix       text        NOT NULL,
    line_numbers text        NOT NULL,
    comment      text        NOT NULL DEFAULT '',
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE signature_list_activation (
    id           bigserial   PRIMARY KEY,
    version_id   bigint      NOT NULL REFERENCES signature_list_version (id),
    activated_by text        NOT NULL,
    activated_at timestamptz NOT NULL DEFAULT now(),
    run_id       bigint
);

-- A preview replays candidate lists over recent crashes; an apply activates a version and regenerates the
-- signatures that change. State, progress and result live here so any instance can show them.
CREATE TABLE signature_rule_run (
    id             bigserial   PRIMARY KEY,
    kind           text        NOT NULL CHECK (kind IN ('PREVIEW', 'APPLY')),
    -- QUEUED, REPLAYING, REGENERATING (apply: waiting for the queue), DONE, FAILED
    state          text        NOT NULL,
    days           integer     NOT NULL,
    -- the candidate lists (preview) or the version to activate (apply)
    sentinels      text,
    irrelevant     text,
    prefix         text,
    line_numbers   text,
    version_id     bigint      REFERENCES signature_list_version (id),
    -- an apply of a preview regenerates exactly the crashes that preview found
    preview_run_id bigint      REFERENCES signature_rule_run (id),
    comment        text        NOT NULL DEFAULT '',
    requested_by   text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    started_at     timestamptz,
    finished_at    timestamptz,
    owner          text,
    heartbeat_at   timestamptz,
    total          integer     NOT NULL DEFAULT 0,
    done           integer     NOT NULL DEFAULT 0,
    queued         integer     NOT NULL DEFAULT 0,
    regenerated    integer     NOT NULL DEFAULT 0,
    failed         integer     NOT NULL DEFAULT 0,
    result         text,
    error          text
);

CREATE INDEX signature_rule_run_state ON signature_rule_run (state, id);

-- The crashes whose signature a replay changes: what an apply queues and later checks.
CREATE TABLE signature_rule_change (
    run_id        bigint NOT NULL REFERENCES signature_rule_run (id) ON DELETE CASCADE,
    crash_id      text   NOT NULL,
    old_signature text   NOT NULL,
    new_signature text   NOT NULL,
    PRIMARY KEY (run_id, crash_id)
);
