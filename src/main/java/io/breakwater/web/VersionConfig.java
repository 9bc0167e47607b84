package io.breakwater.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** What {@code /__version__} reports about the deployment ({@code breakwater.version-file}, {@code breakwater.source-url}). */
@ConfigMapping(prefix = "breakwater")
public interface VersionConfig {

    /** A Dockerflow {@code version.json} that, when present, is reported as it is. */
    @WithDefault("version.json")
    String versionFile();

    /** Where the source of this build is, reported as {@code source}. */
    Optional<String> sourceUrl();
}
