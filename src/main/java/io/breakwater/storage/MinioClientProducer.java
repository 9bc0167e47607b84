package io.breakwater.storage;

import io.minio.MinioClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.jboss.logging.Logger;

import javax.net.SocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;

/** One shared S3 client; its connection pool is reused by every request. */
@ApplicationScoped
public class MinioClientProducer {

    private static final Logger LOG = Logger.getLogger(MinioClientProducer.class);

    // Unconfigured storage still yields a client so injection works; calls then fail like an unreachable server.
    static final String UNCONFIGURED_ENDPOINT = "http://127.0.0.1:1";

    /** Shorter than the idle timeout of common S3 servers (s3proxy/Jetty: 30 s). */
    static final int IDLE_KEEP_ALIVE_SECONDS = 15;

    @Produces
    @ApplicationScoped
    MinioClient minioClient(S3Config config) {
        return build(config);
    }

    /** The client as the application configures it; also used by benchmarks outside CDI. */
    public static MinioClient build(S3Config config) {
        String endpoint = config.endpoint().filter(s -> !s.isBlank()).orElse(UNCONFIGURED_ENDPOINT);
        if (config.endpoint().isEmpty()) {
            LOG.warn("breakwater.s3.endpoint is not set: object storage is unavailable");
        }
        // Short connect timeout so a dead endpoint fails a request quickly (the collector then answers 503).
        OkHttpClient http = new OkHttpClient.Builder()
                .socketFactory(new NoDelaySocketFactory())
                // Drop idle connections before S3 servers do (s3proxy closes them after 30 s): a reused
                // connection the server already closed fails the next request with an EOF.
                .connectionPool(new ConnectionPool(16, IDLE_KEEP_ALIVE_SECONDS, java.util.concurrent.TimeUnit.SECONDS))
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

    /**
     * Sockets with Nagle's algorithm off. Without it, a PUT whose body is a few KB waits for the server's
     * delayed ACK of the headers: about 40 ms per object, which dominated small-crash latency.
     */
    public static final class NoDelaySocketFactory extends SocketFactory {
        private final SocketFactory delegate = SocketFactory.getDefault();

        private static Socket noDelay(Socket socket) throws IOException {
            socket.setTcpNoDelay(true);
            return socket;
        }

        @Override
        public Socket createSocket() throws IOException {
            return noDelay(delegate.createSocket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return noDelay(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return noDelay(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return noDelay(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return noDelay(delegate.createSocket(address, port, localAddress, localPort));
        }
    }

    void close(@Disposes MinioClient client) {
        try {
            client.close();
        } catch (Exception e) {
            LOG.debug("closing S3 client", e);
        }
    }
}
