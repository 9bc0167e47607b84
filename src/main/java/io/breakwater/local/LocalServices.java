package io.breakwater.local;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The one-box default: for each backing service that is not configured externally, start a real one on
 * this machine with its data under the data directory. Publishes the connection facts under the
 * configuration keys the rest of the application reads.
 */
public final class LocalServices implements AutoCloseable {

    public static final String DB_URL = "quarkus.datasource.jdbc.url";
    public static final String DB_USER = "quarkus.datasource.username";
    public static final String DB_PASSWORD = "quarkus.datasource.password";
    public static final String S3_ENDPOINT = "breakwater.s3.endpoint";
    public static final String S3_ACCESS_KEY = "breakwater.s3.access-key";
    public static final String S3_SECRET_KEY = "breakwater.s3.secret-key";
    public static final String ES_URL = "breakwater.es.url";

    private static final Logger LOG = Logger.getLogger(LocalServices.class);

    private final ServiceConfig config;
    private final Map<String, String> properties = new LinkedHashMap<>();
    // Stopped in reverse start order.
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private EmbeddedPostgresLauncher.Running postgres;
    private S3ProxyLauncher.Running s3;
    private ElasticsearchLauncher.Running elasticsearch;
    private boolean closed;

    private LocalServices(ServiceConfig config) {
        this.config = config;
    }

    /** Starts whatever {@code config} does not point elsewhere; on failure stops what already started. */
    public static LocalServices start(ServiceConfig config) throws IOException {
        LocalServices services = new LocalServices(config);
        try {
            services.startAll();
        } catch (IOException | RuntimeException e) {
            services.close();
            throw e;
        }
        return services;
    }

    private void startAll() throws IOException {
        Path dataDir = config.dataDir();
        Path logs = dataDir.resolve("logs");
        // The search node is the slowest to start (seconds); it boots while the others start here.
        CompletableFuture<ElasticsearchLauncher.Running> search = null;
        if (config.externalEsUrl().isEmpty() && config.elasticsearchEnabled()) {
            Path home = ElasticsearchLauncher.locateHome();
            search = CompletableFuture.supplyAsync(() -> {
                long t0 = System.nanoTime();
                try {
                    ElasticsearchLauncher.Running es = ElasticsearchLauncher.start(home,
                            dataDir.resolve("elasticsearch"), logs.resolve("elasticsearch.log"));
                    LOG.infof("Elasticsearch started at %s in %d ms (home %s)", es.url(), millisSince(t0), home);
                    return es;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, runnable -> {
                Thread t = new Thread(runnable, "breakwater-elasticsearch-start");
                t.setDaemon(true);
                t.start();
            });
        } else if (config.externalEsUrl().isPresent()) {
            LOG.infof("Elasticsearch configured externally; not starting one");
        }
        try {
            startPostgresAndS3(dataDir, logs);
        } catch (IOException | RuntimeException e) {
            if (search != null) {
                try {
                    awaitSearch(search); // so that close() can stop it
                } catch (IOException | RuntimeException searchFailure) {
                    e.addSuppressed(searchFailure);
                }
            }
            throw e;
        }
        if (search != null) {
            awaitSearch(search);
        }
    }

    private void awaitSearch(CompletableFuture<ElasticsearchLauncher.Running> search) throws IOException {
        try {
            elasticsearch = search.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("Elasticsearch failed to start", cause);
        }
        running.push(elasticsearch);
        properties.put(ES_URL, elasticsearch.url());
    }

    private void startPostgresAndS3(Path dataDir, Path logs) throws IOException {
        if (config.externalDbUrl().isEmpty()) {
            long t0 = System.nanoTime();
            postgres = EmbeddedPostgresLauncher.start(dataDir.resolve("postgres"), logs.resolve("postgres.log"));
            running.push(postgres);
            properties.put(DB_URL, postgres.jdbcUrl());
            properties.put(DB_USER, postgres.user());
            properties.put(DB_PASSWORD, postgres.password());
            LOG.infof("PostgreSQL started at %s in %d ms", postgres.jdbcUrl(), millisSince(t0));
        } else {
            LOG.infof("PostgreSQL configured externally; not starting one");
        }
        if (config.externalS3Endpoint().isEmpty()) {
            long t0 = System.nanoTime();
            s3 = S3ProxyLauncher.start(dataDir.resolve("s3"));
            running.push(s3);
            properties.put(S3_ENDPOINT, s3.endpoint());
            properties.put(S3_ACCESS_KEY, s3.accessKey());
            properties.put(S3_SECRET_KEY, s3.secretKey());
            LOG.infof("s3proxy started at %s in %d ms", s3.endpoint(), millisSince(t0));
        } else {
            LOG.infof("S3 endpoint configured externally; not starting s3proxy");
        }
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** Configuration for the services started here (nothing for externally configured ones). */
    public Map<String, String> properties() {
        return Collections.unmodifiableMap(properties);
    }

    /** Makes the facts visible to Quarkus's configuration; call before Quarkus starts. */
    public void publishAsSystemProperties() {
        properties.forEach(System::setProperty);
    }

    public ServiceConfig config() {
        return config;
    }

    public Optional<EmbeddedPostgresLauncher.Running> postgres() {
        return Optional.ofNullable(postgres);
    }

    public Optional<S3ProxyLauncher.Running> s3() {
        return Optional.ofNullable(s3);
    }

    public Optional<ElasticsearchLauncher.Running> elasticsearch() {
        return Optional.ofNullable(elasticsearch);
    }

    /** Stops everything started here; safe to call more than once and from several threads. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!running.isEmpty()) {
            AutoCloseable service = running.pop();
            try {
                service.close();
            } catch (Exception e) {
                LOG.warnf(e, "Could not stop %s cleanly", service);
            }
        }
    }
}
