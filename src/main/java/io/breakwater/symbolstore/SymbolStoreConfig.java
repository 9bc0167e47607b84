package io.breakwater.symbolstore;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The symbol store ({@code breakwater.symbols.*}). The directories, the parsed-symbol cache size and the
 * missing-symbol memory are the processor's keys ({@code processor.SymbolSourcesConfig}), read the same way by both.
 */
@ConfigMapping(prefix = "breakwater.symbols")
public interface SymbolStoreConfig {

    /** Directory of the on-disk cache of downloaded symbol files; {@code <breakwater.data-dir>/symbols-cache} when unset. */
    @WithDefault("${breakwater.data-dir:./data}/symbols-cache")
    String diskCacheDir();

    /** Total size of the on-disk cache; 0 turns it off. */
    @WithDefault("4G")
    MemorySize diskCacheSize();

    Upload upload();

    Reprocess reprocess();

    interface Upload {
        /** Largest accepted zip (compressed bytes). */
        @WithDefault("2G")
        MemorySize maxSize();

        /** Largest total of the uncompressed .sym files in one zip. */
        @WithDefault("8G")
        MemorySize maxUncompressedSize();

        /** Most entries (files and directories) in one zip. */
        @WithDefault("20000")
        int maxEntries();

        /** Where zips and extracted files are staged; the system temporary directory when unset. */
        Optional<String> tempDir();

        /**
         * Hosts that uploads by URL (Tecken's {@code url} form field) may download from, e.g. a CI's artifact
         * host. Empty: uploading by URL is off, so the server never fetches an address a client chose.
         */
        Optional<List<String>> downloadHosts();
    }

    Upstream upstream();

    /** Read-through to other symbol servers for modules the bucket does not have. */
    interface Upstream {
        /**
         * Base URLs of symbol servers in the {@code <debug_file>/<debug_id>/<name>.sym} layout (Tecken,
         * a Breakpad symbol directory served over HTTP), tried in order after the bucket and the local
         * directories; a file found there is copied into the bucket.
         */
        Optional<List<String>> urls();

        @WithDefault("20s")
        Duration timeout();
    }

    interface Reprocess {
        /** Queue crashes recorded as missing an uploaded module for reprocessing after the upload. */
        @WithDefault("true")
        boolean onUpload();

        /** Only crashes recorded within this time are queued. */
        @WithDefault("30d")
        Duration window();

        /** At most this many crashes are queued per upload. */
        @WithDefault("10000")
        int maxCrashes();
    }
}
