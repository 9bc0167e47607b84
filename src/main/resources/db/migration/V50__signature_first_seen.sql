-- When each crash signature was first seen (io.breakwater.jobs.SignatureFirstSeen*), as Socorro's
-- signatures table kept by its updatesignatures job. Both columns only ever move earlier/lower, so
-- recording the same crash twice, or crashes out of order, converges on the same row.
CREATE TABLE signature_first_seen (
    signature   text        PRIMARY KEY,
    -- earliest submission time of a crash with this signature
    first_date  timestamptz NOT NULL,
    -- lowest numeric build id seen with it (yyyymmddhhmmss style); null until a numeric one is seen
    first_build bigint,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Progress of the backfill job that sweeps Elasticsearch: crashes submitted before swept_until were covered.
CREATE TABLE signature_first_seen_sweep (
    id          smallint    PRIMARY KEY CHECK (id = 1),
    swept_until timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
