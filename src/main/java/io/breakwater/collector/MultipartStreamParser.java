package io.breakwater.collector;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Streaming multipart reader (RFC 2046 / 7578) over any {@link InputStream}. Memory use is one fixed
 * buffer plus at most one header block; part bodies are handed to the caller in chunks. Structural
 * problems raise {@code 400 malformed_invalid_payload_structure}.
 *
 * <p>Usage: {@code while ((part = parser.nextPart()) != null) { parser.copyBody(out) or skipBody() }}.
 */
final class MultipartStreamParser {

    static final int MAX_BOUNDARY_LENGTH = 200;
    private static final int MAX_HEADER_LINE = 8 * 1024;
    private static final int MAX_HEADER_BLOCK = 16 * 1024;
    private static final int MAX_HEADERS = 32;

    /** Headers of one part; names lower-cased. */
    record Part(String name, String filename, String contentType, Map<String, String> headers) {
        boolean hasFilename() {
            return filename != null;
        }
    }

    private enum State { PREAMBLE, AT_DELIMITER, BODY, DONE }

    private final InputStream in;
    private final byte[] delimiter;
    /** Horspool's table: how far the search window may move when its last byte is the index. */
    private final int[] shift = new int[256];
    private final byte[] buf;
    private int start;
    private int end;
    private boolean eof;
    private State state = State.PREAMBLE;

    MultipartStreamParser(InputStream in, String boundary) {
        if (boundary.isEmpty() || boundary.length() > MAX_BOUNDARY_LENGTH) {
            throw new IllegalArgumentException("boundary must be 1-" + MAX_BOUNDARY_LENGTH + " characters");
        }
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        Arrays.fill(shift, delimiter.length);
        for (int k = 0; k < delimiter.length - 1; k++) {
            shift[delimiter[k] & 0xFF] = delimiter.length - 1 - k;
        }
        this.buf = new byte[Math.max(64 * 1024, delimiter.length * 4)];
        // The first boundary line is not preceded by CRLF; pretending it is lets one search find them all.
        buf[0] = '\r';
        buf[1] = '\n';
        end = 2;
    }

    /** Moves to the next part and returns its headers, or null after the closing boundary. */
    Part nextPart() throws IOException {
        if (state == State.DONE) {
            return null;
        }
        if (state == State.PREAMBLE || state == State.BODY) {
            passDelimiter(null);
        }
        if (afterDelimiterIsClose()) {
            finish();
            return null;
        }
        Part part = readHeaders();
        state = State.BODY;
        return part;
    }

    /** Streams the current part's body into {@code out}; returns its length. */
    long copyBody(OutputStream out) throws IOException {
        if (state != State.BODY) {
            throw new IllegalStateException("no part body to read");
        }
        long[] total = {0};
        passDelimiter(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                total[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                total[0] += len;
            }
        });
        return total[0];
    }

    /** Drops the current part's body. */
    void skipBody() throws IOException {
        if (state == State.BODY) {
            passDelimiter(null);
        }
    }

    private void passDelimiter(OutputStream sink) throws IOException {
        if (!transferUntilDelimiter(sink)) {
            // The body ended without its closing boundary: truncated or not multipart at all.
            throw structure();
        }
        state = State.AT_DELIMITER;
    }

    /**
     * Passes bytes up to the next delimiter to {@code sink} (or drops them when null) and consumes the
     * delimiter. False when the stream ends first.
     */
    private boolean transferUntilDelimiter(OutputStream sink) throws IOException {
        while (true) {
            int idx = indexOfDelimiter();
            if (idx >= 0) {
                if (sink != null && idx > start) {
                    sink.write(buf, start, idx - start);
                }
                start = idx + delimiter.length;
                return true;
            }
            // A delimiter may begin in the last (length - 1) bytes: keep those, pass the rest on.
            int safeEnd = end - (delimiter.length - 1);
            if (safeEnd > start) {
                if (sink != null) {
                    sink.write(buf, start, safeEnd - start);
                }
                start = safeEnd;
            }
            if (eof) {
                return false;
            }
            fill();
        }
    }

    /**
     * The first delimiter in the buffer, found by Horspool's method: a dump rarely holds the delimiter's last
     * byte where it would end one, so most steps skip nearly a delimiter's length instead of one byte.
     */
    private int indexOfDelimiter() {
        int length = delimiter.length;
        byte lastByte = delimiter[length - 1];
        int last = end - length;
        int i = start;
        while (i <= last) {
            byte b = buf[i + length - 1];
            if (b == lastByte && Arrays.equals(buf, i, i + length - 1, delimiter, 0, length - 1)) {
                return i;
            }
            i += shift[b & 0xFF];
        }
        return -1;
    }

    /** After a delimiter: "--" closes the body; otherwise optional padding and a line break follow. */
    private boolean afterDelimiterIsClose() throws IOException {
        ensure(2);
        if (end - start >= 2 && buf[start] == '-' && buf[start + 1] == '-') {
            start += 2;
            return true;
        }
        // Transport padding (RFC 2046) then CRLF; a bare LF is tolerated.
        while (true) {
            ensure(1);
            if (start >= end) {
                throw structure();
            }
            byte b = buf[start];
            if (b == ' ' || b == '\t') {
                start++;
            } else {
                break;
            }
        }
        ensure(2);
        if (start >= end) {
            throw structure();
        }
        if (buf[start] == '\n') {
            start++;
            return false;
        }
        if (end - start >= 2 && buf[start] == '\r' && buf[start + 1] == '\n') {
            start += 2;
            return false;
        }
        throw structure();
    }

    private Part readHeaders() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        int blockBytes = 0;
        int lines = 0;
        String lastName = null;
        while (true) {
            String line = readLine();
            blockBytes += line.length() + 2;
            if (blockBytes > MAX_HEADER_BLOCK) {
                throw structure();
            }
            if (line.isEmpty()) {
                break;
            }
            if (++lines > MAX_HEADERS) {
                throw structure();
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && lastName != null) {
                // Obsolete header folding: continuation of the previous header.
                headers.merge(lastName, " " + line.strip(), String::concat);
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw structure();
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            headers.put(name, value);
            lastName = name;
        }
        String disposition = headers.get("content-disposition");
        Map<String, String> params = disposition == null ? Map.of() : HeaderParams.parse(disposition).params();
        String contentType = headers.get("content-type");
        return new Part(params.get("name"), filename(params), contentType, headers);
    }

    private static String filename(Map<String, String> params) {
        String plain = params.get("filename");
        if (plain != null) {
            return plain;
        }
        // RFC 5987 form: charset'lang'percent-encoded; only its presence matters to us, keep it readable.
        String extended = params.get("filename*");
        if (extended != null) {
            int quote = extended.lastIndexOf('\'');
            return quote >= 0 ? extended.substring(quote + 1) : extended;
        }
        return null;
    }

    /** One header line without its CR LF (or LF). */
    private String readLine() throws IOException {
        int scanned = 0;
        while (true) {
            for (int i = start + scanned; i < end; i++) {
                if (buf[i] == '\n') {
                    int lineEnd = i > start && buf[i - 1] == '\r' ? i - 1 : i;
                    String line = new String(buf, start, lineEnd - start, StandardCharsets.UTF_8);
                    start = i + 1;
                    return line;
                }
            }
            scanned = end - start;
            if (scanned > MAX_HEADER_LINE) {
                throw structure();
            }
            if (eof) {
                throw structure();
            }
            fill();
        }
    }

    /** Reads until at least {@code n} bytes are buffered or the stream ends. */
    private void ensure(int n) throws IOException {
        while (end - start < n && !eof) {
            fill();
        }
    }

    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buf.length) {
            throw new IllegalStateException("multipart buffer full");
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
            eof = true;
        } else {
            end += n;
        }
    }

    /** Closing boundary seen: read and drop the epilogue so the connection can be reused. */
    private void finish() throws IOException {
        state = State.DONE;
        start = end;
        byte[] scratch = new byte[8192];
        while (!eof) {
            if (in.read(scratch, 0, scratch.length) < 0) {
                eof = true;
            }
        }
    }

    private static PayloadRejectedException structure() {
        return PayloadRejectedException.malformed("invalid_payload_structure");
    }
}
