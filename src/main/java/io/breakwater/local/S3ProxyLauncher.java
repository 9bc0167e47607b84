package io.breakwater.local;

import io.breakwater.storage.InProcessObjects;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

/** Runs s3proxy in-process with its filesystem store, so objects survive restarts. */
public final class S3ProxyLauncher {

    public static final String ACCESS_KEY = "breakwater";
    private static final SecureRandom RANDOM = new SecureRandom();

    private S3ProxyLauncher() {
    }

    /** Connection facts of a running proxy; {@link #close()} stops it. */
    public record Running(String endpoint, String accessKey, String secretKey, S3Proxy proxy, BlobStore store)
            implements AutoCloseable {

        /** Direct writes and reads in the proxy's store, for an application in this same JVM. */
        public InProcessObjects inProcessObjects() {
            return new S3ProxyObjects(endpoint, store);
        }

        @Override
        public void close() {
            try {
                proxy.stop();
            } catch (Exception e) {
                throw new IllegalStateException("Could not stop s3proxy at " + endpoint, e);
            }
        }

        @Override
        public String toString() {
            return "s3proxy at " + endpoint;
        }
    }

    /** Starts s3proxy on a free port of 127.0.0.1, storing buckets as directories under {@code storeDir}. */
    public static Running start(Path storeDir) throws IOException {
        return start(storeDir, 0);
    }

    /** The same on a given port (0: any free one), e.g. to bring the same endpoint back after a stop. */
    public static Running start(Path storeDir, int port) throws IOException {
        Files.createDirectories(storeDir);
        String secretKey = secretKeyOf(storeDir);
        Properties props = new Properties();
        props.setProperty("jclouds.filesystem.basedir", storeDir.toString());
        BlobStore store = BlobStores.create("filesystem", props);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, secretKey)
                // Jetty otherwise waits for clients' idle keep-alive connections; nothing here needs a drain.
                .stopTimeout(0)
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("s3proxy did not start within 30 s (state " + proxy.getState() + ")");
                }
                Thread.sleep(10);
            }
        } catch (IOException e) {
            stopQuietly(proxy);
            throw e;
        } catch (Exception e) {
            stopQuietly(proxy);
            throw new IOException("s3proxy failed to start", e);
        }
        return new Running("http://127.0.0.1:" + proxy.getPort(), ACCESS_KEY, secretKey, proxy, store);
    }

    /**
     * The store's secret key: random, made on the first start and kept beside the store, readable by its owner
     * only. A constant key would let any local user read the crash data through the proxy's port; a key made
     * anew on every start would lock out a client of an earlier start (another instance, a restarted proxy).
     */
    static String secretKeyOf(Path storeDir) throws IOException {
        Path store = storeDir.toAbsolutePath();
        Path file = store.resolveSibling(store.getFileName() + ".secret");
        if (Files.isRegularFile(file)) {
            String kept = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (kept.length() >= 32) {
                return kept;
            }
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String secret = HexFormat.of().formatHex(bytes);
        // A temporary file is made readable by its owner only; moved into place whole.
        Path partial = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(partial, secret + "\n", StandardCharsets.US_ASCII);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return secret;
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception ignored) {
            // already failing; the original error matters more
        }
    }
}
