package io.breakwater.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Processed crashes for search tests, and an in-memory stand-in for object storage. */
final class TestCrashes {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd").withZone(ZoneOffset.UTC);

    private TestCrashes() {
    }

    /** A crash id in the collector's format, dated on the given instant's UTC day. */
    static String crashId(Instant submitted) {
        String uuid = UUID.randomUUID().toString();
        return uuid.substring(0, uuid.length() - 7) + "0" + YYMMDD.format(submitted);
    }

    static ObjectNode processed(String id, Instant submitted, String signature, String product) {
        ObjectNode p = MAPPER.createObjectNode();
        p.put("uuid", id);
        p.put("crash_id", id);
        p.put("submitted_timestamp", submitted.toString());
        p.put("date_processed", submitted.toString());
        p.put("signature", signature);
        p.put("product", product);
        p.putObject("json_dump").putArray("threads").addObject().putArray("frames");
        return p;
    }

    /** Object storage as far as the search catch-up is concerned. */
    static final class Storage implements ProcessedCrashSource {
        final Map<String, byte[]> processed = new ConcurrentHashMap<>();

        void put(ObjectNode crash) {
            processed.put(crash.get("uuid").asText(), crash.toString().getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public Optional<byte[]> processedCrash(String crashId) {
            return Optional.ofNullable(processed.get(crashId));
        }
    }
}
