/**
 * The one-box default: real PostgreSQL (zonky binaries), s3proxy (filesystem store) and an Elasticsearch
 * 8.19 node (assembled by the build into {@code target/elasticsearch}) started by
 * {@link io.breakwater.Breakwater#main} before Quarkus, with their data under {@code breakwater.data-dir}
 * ({@code BREAKWATER_DATA_DIR}, default {@code ./data}): {@code postgres/}, {@code s3/},
 * {@code elasticsearch/}, {@code logs/}.
 * <p>
 * Application code reads only {@code quarkus.datasource.*}, {@code breakwater.s3.endpoint},
 * {@code breakwater.s3.access-key}, {@code breakwater.s3.secret-key} and {@code breakwater.es.url}; it never
 * needs to know whether a service is local or external ({@code BREAKWATER_DB_URL}, {@code BREAKWATER_S3_ENDPOINT},
 * {@code BREAKWATER_ES_URL} make one external and nothing is started for it).
 */
package io.breakwater.local;
