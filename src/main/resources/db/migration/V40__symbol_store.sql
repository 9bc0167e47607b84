-- Symbol store bookkeeping (io.breakwater.symbolstore). The symbol files themselves live in the symbols
-- bucket; these tables say who uploaded what and when, and which crashes wait for which symbols.

-- One row per accepted upload (a zip). Until users exist, uploaded_by is the client's address.
CREATE TABLE symbol_upload (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    uploaded_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    uploaded_by   TEXT         NOT NULL,
    user_agent    TEXT,
    zip_bytes     BIGINT       NOT NULL,
    file_count    INTEGER      NOT NULL,
    total_bytes   BIGINT       NOT NULL
);

CREATE INDEX symbol_upload_time ON symbol_upload (uploaded_at);

-- The symbol files of each upload (a later upload of the same key replaces the object).
CREATE TABLE symbol_upload_file (
    upload_id     BIGINT       NOT NULL REFERENCES symbol_upload (id) ON DELETE CASCADE,
    symbol_key    TEXT         NOT NULL,
    debug_file    TEXT         NOT NULL,
    debug_id      TEXT         NOT NULL,
    os            TEXT,
    cpu           TEXT,
    size_bytes    BIGINT       NOT NULL,
    sha256        CHAR(64)     NOT NULL,
    PRIMARY KEY (upload_id, symbol_key)
);

CREATE INDEX symbol_upload_file_module ON symbol_upload_file (debug_file, debug_id);

-- Crashes processed without the symbols of a module, so an upload of that module can queue them for
-- reprocessing. Filled by the processor (one row per crash and missing module, replaced on each
-- processing); rows are removed when their crash is queued again. debug_id is upper-case and
-- debug_file the base name, as in the bucket's keys.
CREATE TABLE crash_missing_symbols (
    debug_file    TEXT         NOT NULL,
    debug_id      TEXT         NOT NULL,
    crash_id      VARCHAR(36)  NOT NULL,
    recorded_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (debug_file, debug_id, crash_id)
);

CREATE INDEX crash_missing_symbols_crash ON crash_missing_symbols (crash_id);
CREATE INDEX crash_missing_symbols_time ON crash_missing_symbols (recorded_at);
