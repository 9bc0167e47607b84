package io.breakwater.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Where crash and symbol objects live: any S3-compatible endpoint. */
@ConfigMapping(prefix = "breakwater.s3")
public interface S3Config {

    /** Base URL such as {@code http://127.0.0.1:9000}; absent means storage is unconfigured (health DOWN). */
    Optional<String> endpoint();

    Optional<String> accessKey();

    Optional<String> secretKey();

    @WithDefault("us-east-1")
    String region();

    @WithDefault("breakwater-crashes")
    String bucket();

    @WithDefault("breakwater-symbols")
    String symbolsBucket();

    /**
     * When this process itself started the embedded s3proxy at {@link #endpoint()}, write and read objects in
     * its store directly rather than over HTTP ({@link InProcessObjects}). Off: every call goes over S3.
     */
    @WithDefault("true")
    boolean inProcess();
}
