package io.breakwater.testsupport;

import io.breakwater.local.S3ProxyLauncher;
import io.breakwater.storage.S3Config;

import java.util.Optional;

/** An {@link S3Config} with fixed values, for tests and benchmarks that build their storage outside CDI. */
public record FixedS3Config(Optional<String> endpoint, Optional<String> accessKey, Optional<String> secretKey,
                            String region, String bucket, String symbolsBucket, boolean inProcess) implements S3Config {

    /** The proxy's endpoint and credentials; {@code bucket} and {@code bucket-symbols}. */
    public static FixedS3Config of(S3ProxyLauncher.Running s3, String bucket, boolean inProcess) {
        return of(s3.endpoint(), s3.accessKey(), s3.secretKey(), bucket, inProcess);
    }

    public static FixedS3Config of(String endpoint, String accessKey, String secretKey, String bucket, boolean inProcess) {
        return new FixedS3Config(Optional.of(endpoint), Optional.ofNullable(accessKey), Optional.ofNullable(secretKey),
                "us-east-1", bucket, bucket + "-symbols", inProcess);
    }
}
