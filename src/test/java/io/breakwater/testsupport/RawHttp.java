package io.breakwater.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client over a socket, for requests that must go out byte for byte (captured
 * uploads, hand-made chunking) and for servers that answer before the body is sent: the body is
 * written by a separate thread while the response is read, and write failures are ignored.
 */
public final class RawHttp {

    public record Response(int status, Map<String, String> headers, byte[] body) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Writes the body; may throw when the server stops reading. */
    public interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    private RawHttp() {
    }

    public static Response exchange(URL base, byte[] head, BodyWriter body) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(120_000);
            OutputStream out = socket.getOutputStream();
            Thread writer = Thread.ofPlatform().daemon().start(() -> {
                try {
                    out.write(head);
                    body.writeTo(out);
                    out.flush();
                } catch (IOException ignored) {
                    // The server may answer and close before reading everything (413 and friends).
                }
            });
            try {
                return readResponse(socket.getInputStream());
            } finally {
                writer.interrupt();
            }
        }
    }

    /** Sends {@code head} (request line and headers, without the blank line) and a fixed body. */
    public static Response send(URL base, String head, byte[] body) throws IOException {
        String full = head.endsWith("\r\n") ? head + "\r\n" : head + "\r\n\r\n";
        return exchange(base, full.getBytes(StandardCharsets.ISO_8859_1), out -> out.write(body));
    }

    /** Sends a body with chunked transfer encoding, in chunks of {@code chunkSize} bytes. */
    public static BodyWriter chunked(byte[] body, int chunkSize) {
        return out -> {
            for (int i = 0; i < body.length; i += chunkSize) {
                int n = Math.min(chunkSize, body.length - i);
                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body, i, n);
                out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        };
    }

    private static Response readResponse(InputStream in) throws IOException {
        String statusLine = readLine(in);
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        String line;
        while ((line = readLine(in)) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String length = headers.get("content-length");
        if (length != null) {
            body.write(in.readNBytes(Integer.parseInt(length)));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            while (true) {
                int size = Integer.parseInt(readLine(in).split(";")[0].strip(), 16);
                if (size == 0) {
                    readLine(in);
                    break;
                }
                body.write(in.readNBytes(size));
                readLine(in);
            }
        } else {
            body.write(in.readAllBytes());
        }
        return new Response(status, headers, body.toByteArray());
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String s = line.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
