package io.breakwater.collector;

import io.breakwater.testsupport.Multipart;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MultipartStreamParserTest {

    private record ParsedPart(MultipartStreamParser.Part part, byte[] body) {
    }

    private static List<ParsedPart> parseAll(InputStream in, String boundary) throws IOException {
        MultipartStreamParser parser = new MultipartStreamParser(in, boundary);
        List<ParsedPart> parts = new ArrayList<>();
        MultipartStreamParser.Part part;
        while ((part = parser.nextPart()) != null) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            parser.copyBody(body);
            parts.add(new ParsedPart(part, body.toByteArray()));
        }
        return parts;
    }

    /** Hands out data in small, irregular pieces to exercise every buffer boundary. */
    private static InputStream trickle(byte[] data, long seed) {
        Random random = new Random(seed);
        return new FilterInputStream(new ByteArrayInputStream(data)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(7)));
            }
        };
    }

    @Test
    void readsFieldsAndFilesWithTheirHeaders() throws IOException {
        byte[] dump = new byte[300_000];
        new Random(1).nextBytes(dump);
        byte[] body = new Multipart().field("ProductName", "Firefox").file("upload_file_minidump", "a.dmp", dump)
                .field("Version", "1.0").build();

        List<ParsedPart> parts = parseAll(new ByteArrayInputStream(body), Multipart.BOUNDARY);

        assertEquals(3, parts.size());
        assertEquals("ProductName", parts.get(0).part().name());
        assertNull(parts.get(0).part().filename());
        assertEquals("Firefox", new String(parts.get(0).body(), StandardCharsets.UTF_8));
        assertEquals("upload_file_minidump", parts.get(1).part().name());
        assertEquals("a.dmp", parts.get(1).part().filename());
        assertEquals("application/octet-stream", parts.get(1).part().contentType());
        assertArrayEquals(dump, parts.get(1).body());
        assertEquals("1.0", new String(parts.get(2).body(), StandardCharsets.UTF_8));
    }

    @Test
    void sameResultWhateverTheReadSizes() throws IOException {
        // Content full of near-delimiters: CR LF dashes and boundary prefixes.
        String tricky = "\r\n--" + Multipart.BOUNDARY.substring(0, 10) + "\r\n-\r\r\n--x";
        byte[] content = (tricky.repeat(50)).getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = new Multipart().file("upload_file_minidump", "d", content).field("a", tricky).build();

        for (long seed = 0; seed < 20; seed++) {
            List<ParsedPart> parts = parseAll(trickle(body, seed), Multipart.BOUNDARY);
            assertEquals(2, parts.size());
            assertArrayEquals(content, parts.get(0).body());
            assertEquals(tricky, new String(parts.get(1).body(), StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void nearMissesOfTheDelimiterAtEveryPositionStayContent() throws IOException {
        // The search skips ahead by the window's last byte: every prefix, every suffix and every one-byte
        // change of the delimiter must still be seen as content, wherever the reads split it.
        byte[] delimiter = ("\r\n--" + Multipart.BOUNDARY).getBytes(StandardCharsets.ISO_8859_1);
        Random random = new Random(11);
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (int k = 1; k < delimiter.length; k++) {
            content.write(delimiter, 0, k);
            content.write(0); // never a byte of the delimiter
            content.write(delimiter, delimiter.length - k, k);
            byte[] changed = delimiter.clone();
            changed[k] ^= 0x20;
            content.write(changed, 0, changed.length);
            byte[] noise = new byte[random.nextInt(40)];
            random.nextBytes(noise);
            content.write(noise, 0, noise.length);
        }
        byte[] dump = content.toByteArray();
        byte[] body = new Multipart().file("upload_file_minidump", "d", dump).field("after", "x").build();

        for (long seed = 0; seed < 10; seed++) {
            List<ParsedPart> parts = parseAll(seed == 0 ? new ByteArrayInputStream(body) : trickle(body, seed),
                    Multipart.BOUNDARY);
            assertEquals(2, parts.size());
            assertArrayEquals(dump, parts.get(0).body());
            assertEquals("x", new String(parts.get(1).body(), StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void ignoresPreambleEpilogueAndTransportPadding() throws IOException {
        String body = "this is a preamble\r\n--b  \t\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--b--\r\n"
                + "epilogue that is ignored";
        List<ParsedPart> parts = parseAll(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), "b");
        assertEquals(1, parts.size());
        assertEquals("1", new String(parts.get(0).body(), StandardCharsets.UTF_8));
    }

    @Test
    void acceptsBareLineFeedsInHeaders() throws IOException {
        String body = "--b\nContent-Disposition: form-data; name=\"x\"\n\n1\r\n--b--";
        List<ParsedPart> parts = parseAll(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), "b");
        assertEquals("x", parts.get(0).part().name());
        assertEquals("1", new String(parts.get(0).body(), StandardCharsets.UTF_8));
    }

    @Test
    void emptyMultipartHasNoParts() throws IOException {
        assertEquals(0, parseAll(new ByteArrayInputStream("--b--\r\n".getBytes(StandardCharsets.UTF_8)), "b").size());
    }

    @Test
    void skippedBodiesAreSkipped() throws IOException {
        byte[] body = new Multipart().field("a", "1").field("b", "2").field("c", "3").build();
        MultipartStreamParser parser = new MultipartStreamParser(new ByteArrayInputStream(body), Multipart.BOUNDARY);
        assertEquals("a", parser.nextPart().name());
        assertEquals("b", parser.nextPart().name()); // body of a skipped implicitly
        parser.skipBody();
        MultipartStreamParser.Part c = parser.nextPart();
        assertEquals("c", c.name());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parser.copyBody(out);
        assertEquals("3", out.toString(StandardCharsets.UTF_8));
        assertNull(parser.nextPart());
    }

    @Test
    void rejectsStructuralErrors() {
        String[] bad = {
                "",                                                           // nothing
                "no boundary anywhere",                                       // not multipart
                "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nvalue without end",  // truncated
                "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n",     // headers never end
                "--bX\r\n\r\n1\r\n--b--",                                     // boundary prefix of another token
                "--b\r\nno colon header\r\n\r\n1\r\n--b--",                   // malformed header
                "--b\r\n" + "X-H: 1\r\n".repeat(40) + "\r\n1\r\n--b--",       // too many headers
                "--b\r\nX-Long: " + "a".repeat(20_000) + "\r\n\r\n1\r\n--b--",  // header line too long
        };
        for (String body : bad) {
            PayloadRejectedException e = assertThrows(PayloadRejectedException.class,
                    () -> parseAll(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), "b"),
                    () -> "accepted: " + body.substring(0, Math.min(60, body.length())));
            assertEquals("malformed_invalid_payload_structure", e.reason());
            assertEquals(400, e.status());
        }
    }

    @Test
    void parsesQuotedAndUnquotedDispositionParameters() {
        HeaderParams p = HeaderParams.parse("form-data; name=plain; filename=\"C:\\dumps\\a \\\"b\\\".dmp\"; x");
        assertEquals("form-data", p.value());
        assertEquals("plain", p.params().get("name"));
        assertEquals("C:\\dumps\\a \"b\".dmp", p.params().get("filename"));
        assertEquals("", p.params().get("x"));

        HeaderParams ct = HeaderParams.parse("multipart/form-data; charset=utf-8; boundary=\"a;b=c\"");
        assertEquals("a;b=c", ct.params().get("boundary"));
    }
}
