-- Crashes whose search document must be (re)written: Elasticsearch was unavailable, rejected the document,
-- or a rebuild from object storage was requested. Drained by the search catch-up job; Elasticsearch is
-- derived data, the processed crash in object storage is the truth.
CREATE SEQUENCE search_index_backlog_generation;

CREATE TABLE search_index_backlog (
    crash_id        text        PRIMARY KEY,
    -- unavailable | rejected | reindex
    reason          text        NOT NULL,
    -- Changes on every enqueue, so a drain that read an older version never deletes a newer request.
    generation      bigint      NOT NULL,
    queued_at       timestamptz NOT NULL DEFAULT now(),
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    attempts        integer     NOT NULL DEFAULT 0,
    last_error      text
);

CREATE INDEX search_index_backlog_due ON search_index_backlog (next_attempt_at);
