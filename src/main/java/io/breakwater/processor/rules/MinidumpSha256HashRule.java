package io.breakwater.processor.rules;

import io.breakwater.processor.ProcessingContext;
import io.breakwater.processor.Rule;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/**
 * {@code minidump_sha256_hash}: the checksum the collector recorded for the main dump, else computed from the
 * dump itself, else empty (no dump).
 */
public final class MinidumpSha256HashRule implements Rule {

    @Override
    public void action(ProcessingContext ctx) throws Exception {
        String hash = recorded(ctx);
        if (hash == null) {
            Path dump = ctx.dumps().get(ProcessingContext.MAIN_DUMP);
            hash = dump == null ? "" : sha256(dump);
        }
        ctx.processed().put("minidump_sha256_hash", hash);
    }

    private static String recorded(ProcessingContext ctx) {
        if (ctx.rawCrash().get("metadata") instanceof Map<?, ?> metadata
                && metadata.get("dump_checksums") instanceof Map<?, ?> checksums
                && checksums.get(ProcessingContext.MAIN_DUMP) instanceof String s
                && s.matches("[0-9a-fA-F]{64}")) {
            return s.toLowerCase(java.util.Locale.ROOT);
        }
        return null;
    }

    static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
