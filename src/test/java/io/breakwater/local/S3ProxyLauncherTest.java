package io.breakwater.local;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.errors.ErrorResponseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded S3 server's key: its own per store, kept for its owner only, and the only one it accepts. */
class S3ProxyLauncherTest {

    @TempDir
    Path root;

    private static MinioClient client(S3ProxyLauncher.Running s3, String secretKey) {
        return MinioClient.builder().endpoint(s3.endpoint()).credentials(s3.accessKey(), secretKey).build();
    }

    @Test
    void aStoreHasItsOwnSecretKeptForItsOwnerAndAcrossRestarts() throws Exception {
        Path store = root.resolve("s3");
        String secret;
        try (S3ProxyLauncher.Running s3 = S3ProxyLauncher.start(store)) {
            secret = s3.secretKey();
            Path file = root.resolve("s3.secret");
            assertEquals(secret, Files.readString(file).strip());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertTrue(secret.length() >= 32, secret);

            client(s3, secret).makeBucket(MakeBucketArgs.builder().bucket("crashes").build());
            // The key every earlier version used, and any other guess, is refused.
            ErrorResponseException refused = assertThrows(ErrorResponseException.class, () -> client(s3,
                    "breakwater-local-secret").bucketExists(BucketExistsArgs.builder().bucket("crashes").build()));
            assertEquals(403, refused.response().code());
        }
        try (S3ProxyLauncher.Running again = S3ProxyLauncher.start(store)) {
            assertEquals(secret, again.secretKey(), "a restart keeps the key, so earlier clients still get in");
            assertTrue(client(again, secret).bucketExists(BucketExistsArgs.builder().bucket("crashes").build()));
        }
        try (S3ProxyLauncher.Running other = S3ProxyLauncher.start(root.resolve("other"))) {
            assertNotEquals(secret, other.secretKey(), "another store has a key of its own");
        }
        try (var entries = Files.list(store)) {
            assertFalse(entries.anyMatch(p -> p.getFileName().toString().contains("secret")), "the key is no bucket");
        }
    }
}
