package io.breakwater.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/** Builds multipart request bodies for tests. */
public final class Multipart {

    public static final String BOUNDARY = "breakwater-test-boundary-7f3a9c";

    private final String boundary;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public Multipart() {
        this(BOUNDARY);
    }

    public Multipart(String boundary) {
        this.boundary = boundary;
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    public Multipart field(String name, String value) {
        return part("Content-Disposition: form-data; name=\"" + name + "\"\r\n",
                value.getBytes(StandardCharsets.UTF_8));
    }

    public Multipart json(String name, String json) {
        return part("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"extra.json\"\r\n"
                + "Content-Type: application/json\r\n", json.getBytes(StandardCharsets.UTF_8));
    }

    public Multipart file(String name, String filename, byte[] content) {
        return part("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n", content);
    }

    /** A part with exactly the given header lines (each ending in CRLF). */
    public Multipart part(String headers, byte[] content) {
        write(("--" + boundary + "\r\n" + headers + "\r\n").getBytes(StandardCharsets.UTF_8));
        write(content);
        write("\r\n".getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public byte[] build() {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        copy.writeBytes(out.toByteArray());
        copy.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return copy.toByteArray();
    }

    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private void write(byte[] b) {
        out.writeBytes(b);
    }
}
