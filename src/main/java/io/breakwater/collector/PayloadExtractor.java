package io.breakwater.collector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.storage.CrashKeys;
import io.breakwater.storage.LocalFiles;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads a crash report body (multipart, optionally gzipped) into a {@link CrashPayload} while
 * streaming: annotations are capped in size, dumps go to temporary files hashed on the fly. Part
 * classification follows Antenna:
 * <ul>
 *   <li>{@code Content-Type: application/json} → all annotations as one JSON object (normally the
 *       part named {@code extra}); only one such part is allowed;</li>
 *   <li>a filename, or a non-text content type → a dump, named after the part (sanitised to
 *       {@code [A-Za-z0-9_-]}, reserved names refused); a content type other than
 *       {@code application/octet-stream} is noted;</li>
 *   <li>anything else → one annotation (text, in the part's charset, UTF-8 by default); a value that
 *       does not decode is dropped with a note.</li>
 * </ul>
 */
final class PayloadExtractor {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Names this process's directory of dumps being received, under the configured temp directory. */
    static final String TEMP_PREFIX = "breakwater-collector-";

    record Limits(long maxBodySize, long maxDecompressedSize, int maxAnnotationSize, int maxAnnotationsSize,
                  int maxParts, Path tempDir) {
        /** Dumps go to this process's own directory, which a later start removes if this process is killed. */
        static Limits from(CollectorConfig config) {
            return new Limits(config.maxBodySize(), config.maxDecompressedSize(), config.maxAnnotationSize(),
                    config.maxAnnotationsSize(), config.maxParts(),
                    LocalFiles.processDirectory(baseTempDir(config), TEMP_PREFIX));
        }

        static Path baseTempDir(CollectorConfig config) {
            return config.tempDir().orElse(Path.of(System.getProperty("java.io.tmpdir")));
        }
    }

    /** The annotations and what else was learnt while reading them. */
    private static final class State {
        final CrashPayload payload = new CrashPayload();
        boolean sawJson;
        boolean sawKeyValue;
        int invalidValues;
        long annotationBytes;
        int parts;
    }

    private final Limits limits;

    PayloadExtractor(Limits limits) {
        this.limits = limits;
    }

    /** Result of extraction: the payload and how many annotation values had to be dropped as invalid. */
    record Extracted(CrashPayload payload, int invalidAnnotationValues) {
    }

    Extracted extract(String contentType, String contentEncoding, OptionalLong contentLength, InputStream body)
            throws IOException {
        String boundary = boundaryOf(contentType);
        boolean gzipped = isGzip(contentEncoding);
        if (contentLength.isPresent()) {
            if (contentLength.getAsLong() == 0) {
                throw PayloadRejectedException.malformed("no_content_length");
            }
            if (contentLength.getAsLong() > limits.maxBodySize()) {
                throw PayloadRejectedException.tooLarge("body_too_large");
            }
        }
        CountingLimitInputStream wire = new CountingLimitInputStream(body, limits.maxBodySize(), "body_too_large", true);
        InputStream decoded = gzipped
                ? new CountingLimitInputStream(new GunzipInputStream(wire), limits.maxDecompressedSize(),
                        "decompressed_too_large", false)
                : wire;
        State state = new State();
        state.payload.compressed(gzipped);
        try {
            readParts(new MultipartStreamParser(decoded, boundary), state);
        } catch (PayloadRejectedException e) {
            state.payload.close();
            if (wire.count() == 0 && e.status() == 400) {
                throw PayloadRejectedException.malformed("no_content_length");
            }
            throw e;
        } catch (IOException | RuntimeException e) {
            state.payload.close();
            throw e;
        }
        state.payload.payloadSize(wire.count());
        if (state.sawJson && state.sawKeyValue) {
            state.payload.close();
            throw PayloadRejectedException.malformed("has_json_and_kv");
        }
        state.payload.kind(state.sawJson ? CrashPayload.Kind.JSON : CrashPayload.Kind.MULTIPART);
        return new Extracted(state.payload, state.invalidValues);
    }

    static String boundaryOf(String contentType) throws PayloadRejectedException {
        if (contentType == null || contentType.isBlank()) {
            throw PayloadRejectedException.malformed("no_content_type");
        }
        HeaderParams parsed = HeaderParams.parse(contentType);
        String type = parsed.value().toLowerCase(Locale.ROOT);
        if (!type.equals("multipart/form-data") && !type.equals("multipart/mixed")) {
            throw PayloadRejectedException.malformed("wrong_content_type");
        }
        String boundary = parsed.params().get("boundary");
        if (boundary == null || boundary.isEmpty()) {
            throw PayloadRejectedException.malformed("no_boundary");
        }
        if (boundary.length() > MultipartStreamParser.MAX_BOUNDARY_LENGTH) {
            throw PayloadRejectedException.malformed("invalid_payload_structure");
        }
        return boundary;
    }

    static boolean isGzip(String contentEncoding) throws PayloadRejectedException {
        if (contentEncoding == null || contentEncoding.isBlank()) {
            return false;
        }
        String encoding = contentEncoding.strip().toLowerCase(Locale.ROOT);
        return switch (encoding) {
            case "identity" -> false;
            case "gzip", "x-gzip" -> true;
            default -> throw PayloadRejectedException.unsupportedEncoding(encoding);
        };
    }

    private void readParts(MultipartStreamParser parser, State state) throws IOException {
        MultipartStreamParser.Part part;
        while ((part = parser.nextPart()) != null) {
            if (++state.parts > limits.maxParts()) {
                throw PayloadRejectedException.tooLarge("too_many_parts");
            }
            String name = part.name();
            if (name == null || name.isEmpty()) {
                state.payload.notes().add("ignored a part without a name");
                parser.skipBody();
                continue;
            }
            if (name.equals("dump_checksums")) {
                // Re-submitted raw crashes carry old checksums; ours are computed here.
                state.payload.notes().add("ignored a dump_checksums part");
                parser.skipBody();
                continue;
            }
            String type = part.contentType() == null ? null : HeaderParams.parse(part.contentType()).value()
                    .toLowerCase(Locale.ROOT);
            if (type != null && type.equals("application/json")) {
                readJsonAnnotations(parser, state);
            } else if (part.hasFilename() || (type != null && !type.startsWith("text/"))) {
                readDump(parser, part, name, type, state);
            } else {
                readTextAnnotation(parser, part, name, state);
            }
        }
    }

    private void readTextAnnotation(MultipartStreamParser parser, MultipartStreamParser.Part part, String name,
                                    State state) throws IOException {
        state.sawKeyValue = true;
        byte[] raw = readCapped(parser, limits.maxAnnotationSize(), state);
        Charset charset = charsetOf(part.contentType(), state);
        try {
            String value = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString();
            state.payload.annotations().put(name, value);
        } catch (CharacterCodingException e) {
            state.invalidValues++;
            state.payload.notes().add("invalid annotation value: " + name + " is not valid "
                    + charset.name().toLowerCase(Locale.ROOT) + " text; dropped");
        }
    }

    private void readJsonAnnotations(MultipartStreamParser parser, State state) throws IOException {
        if (state.sawJson) {
            throw PayloadRejectedException.malformed("invalid_payload_structure");
        }
        state.sawJson = true;
        byte[] raw = readCapped(parser, limits.maxAnnotationsSize(), state);
        JsonNode tree;
        try {
            tree = JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            throw PayloadRejectedException.malformed("invalid_json");
        }
        if (tree == null || !tree.isObject()) {
            throw PayloadRejectedException.malformed("invalid_json_value");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                state.payload.notes().add("annotation " + field.getKey() + " is null in the JSON annotations; dropped");
            } else if (value.isContainerNode()) {
                // The spec requires string values; structured ones must be JSON-encoded strings.
                throw PayloadRejectedException.malformed("invalid_annotation_value");
            } else {
                state.payload.annotations().put(field.getKey(), value.asText());
            }
        }
    }

    private byte[] readCapped(MultipartStreamParser parser, int cap, State state) throws IOException {
        long remainingTotal = limits.maxAnnotationsSize() - state.annotationBytes;
        long allowed = Math.min(cap, remainingTotal);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        parser.copyBody(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (bytes.size() + (long) len > allowed) {
                    throw PayloadRejectedException.tooLarge("annotations_too_large");
                }
                bytes.write(b, off, len);
            }
        });
        state.annotationBytes += bytes.size();
        return bytes.toByteArray();
    }

    private void readDump(MultipartStreamParser parser, MultipartStreamParser.Part part, String partName, String type,
                          State state) throws IOException {
        String name = sanitizeDumpName(partName);
        if (!CrashKeys.isValidDumpName(name)) {
            throw PayloadRejectedException.malformed("invalid_dump_name");
        }
        String effectiveType = type == null ? "text/plain" : type;
        if (!effectiveType.equals("application/octet-stream")) {
            state.payload.notes().add("unknown content type: " + name + " " + effectiveType);
        }
        Path file = Files.createTempFile(limits.tempDir(), "breakwater-dump-", ".tmp");
        boolean kept = false;
        try {
            MessageDigest sha256 = sha256();
            long size;
            try (OutputStream out = new DigestOutputStream(
                    new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024), sha256)) {
                size = parser.copyBody(out);
            }
            state.payload.addDump(new ReceivedDump(name, file, size, HexFormat.of().formatHex(sha256.digest())));
            kept = true;
        } finally {
            if (!kept) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Keeps only {@code [A-Za-z0-9_-]}: no path characters can reach a storage key. */
    static String sanitizeDumpName(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (CrashKeys.isDumpNameChar(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static Charset charsetOf(String contentType, State state) {
        if (contentType == null) {
            return StandardCharsets.UTF_8;
        }
        String name = HeaderParams.parse(contentType).params().get("charset");
        if (name == null || name.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name.strip());
        } catch (IllegalArgumentException e) {
            state.payload.notes().add("unknown charset " + name + "; read as utf-8");
            return StandardCharsets.UTF_8;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
