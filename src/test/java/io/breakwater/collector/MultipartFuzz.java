package io.breakwater.collector;

import io.breakwater.testsupport.Multipart;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mutation fuzzing of {@link MultipartStreamParser}. Seeds are crash-report bodies (fields, JSON
 * annotations, dumps) plus amplification shapes (thousands of tiny parts, header blocks at their limits,
 * near-boundaries in the body); each case applies 1-4 mutations (bit flips, byte sets, truncation, boundary
 * and CRLF insertion, duplicated spans), then parses the result, delivered in irregular pieces. A case fails
 * when anything but {@link PayloadRejectedException} escapes, or when parsing reads more than the input.
 * Case {@code i} depends only on {@code seed} and {@code i}.
 *
 * <pre>
 * ./mvnw -B -o -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:exec -Dbench.main=io.breakwater.collector.MultipartFuzz -Dbench.args="--cases 1000000"
 * </pre>
 */
public final class MultipartFuzz {

    public record Failure(long caseIndex, String problem) {}

    public record Result(long cases, long rejected, long parsed, List<Failure> failures) {}

    static final String BOUNDARY = Multipart.BOUNDARY;
    private static final byte[] DELIMITER = ("\r\n--" + BOUNDARY).getBytes(StandardCharsets.ISO_8859_1);

    private final List<byte[]> seeds;
    private final long seed;

    public MultipartFuzz(List<byte[]> seeds, long seed) {
        if (seeds.isEmpty()) throw new IllegalArgumentException("no seeds");
        this.seeds = seeds;
        this.seed = seed;
    }

    public static List<byte[]> defaultSeeds() {
        List<byte[]> out = new ArrayList<>();
        byte[] dump = new byte[20_000];
        new SplittableRandom(3).nextBytes(dump);
        out.add(new Multipart().field("ProductName", "Firefox").field("Version", "120.0")
                .file("upload_file_minidump", "a.dmp", dump).build());
        out.add(new Multipart().json("extra", "{\"ProductName\": \"App\", \"Version\": \"1\"}")
                .file("upload_file_minidump", "a.dmp", new byte[100]).file("upload_file_minidump_browser", "b.dmp", new byte[50])
                .build());
        // Amplification: many tiny parts, a header block at its limits, bodies full of near-delimiters.
        Multipart many = new Multipart();
        for (int i = 0; i < 2_000; i++) many.field("f" + i, "v");
        out.add(many.build());
        StringBuilder headers = new StringBuilder("Content-Disposition: form-data; name=\"big\"\r\n");
        for (int i = 0; i < 30; i++) headers.append("X-Filler-").append(i).append(": ").append("x".repeat(400)).append("\r\n");
        out.add(new Multipart().part(headers.toString(), new byte[10]).build());
        byte[] near = new byte[30_000];
        for (int i = 0; i + DELIMITER.length < near.length; i += DELIMITER.length + 1) {
            System.arraycopy(DELIMITER, 0, near, i, DELIMITER.length - 1); // one byte short of a boundary
        }
        out.add(new Multipart().file("upload_file_minidump", "n.dmp", near).build());
        return out;
    }

    /** Runs cases [first, first+count). */
    public Result run(long first, long count, PrintWriter progress) {
        List<Failure> failures = new ArrayList<>();
        long rejected = 0, parsed = 0;
        for (long i = first; i < first + count; i++) {
            byte[] input = mutate(i);
            try {
                if (parse(input, i)) parsed++;
                else rejected++;
            } catch (Throwable t) {
                failures.add(new Failure(i, stackTrace(t)));
            }
            if (progress != null && (i - first + 1) % 10_000 == 0) {
                progress.printf("%d cases, %d failures%n", i - first + 1, failures.size());
                progress.flush();
            }
        }
        return new Result(count, rejected, parsed, failures);
    }

    /** True when parsed to the end, false when rejected as malformed; anything else escapes. */
    static boolean parse(byte[] input, long caseIndex) throws IOException {
        SplittableRandom pieces = new SplittableRandom(caseIndex);
        long[] read = {0};
        InputStream in = new FilterInputStream(new ByteArrayInputStream(input)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, Math.min(len, 1 + pieces.nextInt(4096)));
                if (n > 0) read[0] += n;
                return n;
            }
        };
        MultipartStreamParser parser = new MultipartStreamParser(in, BOUNDARY);
        long bodyBytes = 0;
        try {
            MultipartStreamParser.Part part;
            int parts = 0;
            while ((part = parser.nextPart()) != null) {
                if (++parts % 2 == 0) {
                    parser.skipBody();
                } else {
                    bodyBytes += parser.copyBody(OutputStream.nullOutputStream());
                }
                if (part.name() == null && part.headers() == null) throw new AssertionError("part without headers");
            }
        } catch (PayloadRejectedException e) {
            return false;
        }
        if (bodyBytes > input.length || read[0] > input.length) {
            throw new AssertionError("read " + read[0] + " and " + bodyBytes + " body bytes from " + input.length);
        }
        return true;
    }

    public byte[] mutate(long caseIndex) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + caseIndex);
        byte[] data = seeds.get(r.nextInt(seeds.size())).clone();
        int mutations = 1 + r.nextInt(4);
        for (int m = 0; m < mutations && data.length > 0; m++) {
            int at = r.nextInt(data.length);
            switch (r.nextInt(7)) {
                case 0 -> data[at] ^= (byte) (1 << r.nextInt(8));
                case 1 -> data[at] = (byte) "\r\n-\"; =:\0".charAt(r.nextInt(9));
                case 2 -> data = Arrays.copyOf(data, at);
                case 3 -> data = insert(data, at, DELIMITER);
                case 4 -> data = insert(data, at, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                case 5 -> {
                    int len = Math.min(data.length - at, 1 + r.nextInt(2_000));
                    data = insert(data, at, Arrays.copyOfRange(data, at, at + len));
                }
                default -> data = insert(data, at, "x".repeat(1 + r.nextInt(20_000)).getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        return data;
    }

    private static byte[] insert(byte[] data, int at, byte[] extra) {
        byte[] out = new byte[data.length + extra.length];
        System.arraycopy(data, 0, out, 0, at);
        System.arraycopy(extra, 0, out, at, extra.length);
        System.arraycopy(data, at, out, at + extra.length, data.length - at);
        return out;
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        String s = w.toString();
        return s.length() > 2_000 ? s.substring(0, 2_000) : s;
    }

    public static void main(String[] args) {
        long cases = 100_000, seed = 1, first = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cases" -> cases = Long.parseLong(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--case" -> {
                    first = Long.parseLong(args[++i]);
                    cases = 1;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        PrintWriter out = new PrintWriter(System.out, true);
        Result result = new MultipartFuzz(defaultSeeds(), seed).run(first, cases, out);
        for (Failure f : result.failures()) out.printf("case %d: %s%n", f.caseIndex(), f.problem());
        out.printf("%d cases: %d parsed, %d rejected, %d failures%n", result.cases(), result.parsed(), result.rejected(),
                result.failures().size());
        if (!result.failures().isEmpty()) System.exit(1);
    }
}
