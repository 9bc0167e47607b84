package io.breakwater.storage;

import io.minio.MinioClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import okhttp3.OkHttpClient;
import org.jboss.logging.Logger;

import java.time.Duration;

/** One shared S3 client; its connection pool is reused by every request. */
@ApplicationScoped
public class MinioClientProducer {

    private static final Logger LOG = Logger.getLogger(MinioClientProducer.class);

    // Unconfigured storage still yields a client so injection works; calls then fail like an unreachable server.
    static final String UNCONFIGURED_ENDPOINT = "http://127.0.0.1:1";

    @Produces
    @ApplicationScoped
    MinioClient minioClient(S3Config config) {
        String endpoint = config.endpoint().filter(s -> !s.isBlank()).orElse(UNCONFIGURED_ENDPOINT);
        if (config.endpoint().isEmpty()) {
            LOG.warn("breakwater.s3.endpoint is not set: object storage is unavailable");
        }
        // Short connect timeout so a dead endpoint fails a request quickly (the collector then answers 503).
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(60))
                .writeTimeout(Duration.ofSeconds(60))
                .retryOnConnectionFailure(false)
                .build();
        MinioClient.Builder builder = MinioClient.builder()
                .endpoint(endpoint)
                .region(config.region())
                .httpClient(http, true);
        if (config.accessKey().isPresent() && config.secretKey().isPresent()) {
            builder.credentials(config.accessKey().get(), config.secretKey().get());
        }
        return builder.build();
    }

    void close(@Disposes MinioClient client) {
        try {
            client.close();
        } catch (Exception e) {
            LOG.debug("closing S3 client", e);
        }
    }
}
