package io.breakwater.testsupport;

import io.breakwater.local.LocalServicesTestResource;
import io.breakwater.storage.ObjectStore;
import io.breakwater.storage.S3Config;
import io.minio.MinioClient;


/** Object storage clients on the test JVM's shared s3proxy, for plain (non-Quarkus) tests. */
public final class TestStorage {

    private TestStorage() {
    }

    public static S3Config config(String endpoint, String bucket) {
        var shared = LocalServicesTestResource.shared();
        return FixedS3Config.of(endpoint,
                shared.s3AccessKey() != null ? shared.s3AccessKey() : System.getenv("BREAKWATER_S3_ACCESS_KEY"),
                shared.s3SecretKey() != null ? shared.s3SecretKey() : System.getenv("BREAKWATER_S3_SECRET_KEY"),
                bucket, false);
    }

    public static String sharedEndpoint() {
        String local = LocalServicesTestResource.shared().s3Endpoint();
        return local != null ? local : System.getenv("BREAKWATER_S3_ENDPOINT");
    }

    public static MinioClient client(S3Config config) {
        MinioClient.Builder b = MinioClient.builder().endpoint(config.endpoint().orElseThrow()).region(config.region());
        if (config.accessKey().isPresent()) {
            b.credentials(config.accessKey().get(), config.secretKey().orElseThrow());
        }
        return b.build();
    }

    public static ObjectStore store(S3Config config) {
        return new ObjectStore(client(config), config);
    }
}
