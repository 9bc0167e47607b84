-- What object storage holds, by bucket and key prefix, as last measured by the storage-usage job: listing a
-- bucket is slow, so pages read this instead of the buckets.
CREATE TABLE storage_usage (
    bucket      text        NOT NULL,
    prefix      text        NOT NULL,
    objects     bigint      NOT NULL,
    bytes       bigint      NOT NULL,
    measured_at timestamptz NOT NULL,
    PRIMARY KEY (bucket, prefix)
);
