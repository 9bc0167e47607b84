package io.breakwater.symbols;

import io.breakwater.symbols.ModuleSymbols.FunctionHit;
import io.breakwater.symbols.ModuleSymbols.InlineHit;
import io.breakwater.symbols.ModuleSymbols.LineHit;
import io.breakwater.symbols.ModuleSymbols.PublicHit;
import io.breakwater.symbols.ModuleSymbols.WinFrameInfo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Mutation fuzzer for the symbol parser: corpus symbol texts (and windows of the large ones) with lines
 * dropped, duplicated and swapped, truncations, garbage fields, flipped and inserted bytes. Every case must
 * parse without throwing, and every lookup on the result must answer consistently (a hit covers the
 * offset). Deterministic per seed.
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$HOME/.m2/repository/org/tukaani/xz/1.10/xz-1.10.jar \
 *     io.breakwater.symbols.SymbolFuzz [--cases N] [--seed S]
 * </pre>
 */
public final class SymbolFuzz {

    private static final String[] GARBAGE = {
        "", "-1", "zz", "ffffffffffffffffffff", "7fffffffffffffff", "8000000000000000", "ffffffff", "100000000",
        "99999999999999999999", "m", "INIT", "WIN", "CFI", ":", ".cfa:", "^", "\0", "\t", "0x10", "-", "4", "0",
        "1", "2147483648", "-2147483649", "\u00e9\u00e8", "FUNC", "INLINE", "STACK", "PUBLIC", "FILE"
    };
    private static final String[] KEYWORDS = {
        "FUNC ", "FUNC m ", "PUBLIC ", "PUBLIC m ", "FILE ", "INLINE ", "INLINE_ORIGIN ", "STACK CFI INIT ",
        "STACK CFI ", "STACK WIN 4 ", "STACK WIN 0 ", "STACK WIN ", "MODULE ", "INFO CODE_ID ", "", "UNKNOWN "
    };

    /** Outcome of a run. */
    public record Report(long cases, long corrupt, long loaded, List<String> failures) {}

    private final List<byte[]> seeds;

    public SymbolFuzz(List<byte[]> seeds) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("no seeds");
        }
        this.seeds = seeds;
    }

    /** Seeds from the corpus: small files whole, large ones as windows of whole lines. */
    public static List<byte[]> corpusSeeds(Path root, int maxSeedBytes, boolean includeXz) throws Exception {
        List<byte[]> out = new ArrayList<>();
        Random random = new Random(7);
        for (Path p : CorpusFiles.symbolFiles(root)) {
            if (!includeXz && p.getFileName().toString().endsWith(".xz")) {
                continue;
            }
            byte[] text = CorpusFiles.read(p);
            if (text.length <= maxSeedBytes) {
                out.add(text);
                continue;
            }
            for (int w = 0; w < 4; w++) {
                int start = lineStartAtOrAfter(text, random.nextInt(text.length - maxSeedBytes));
                int end = lineStartAtOrAfter(text, Math.min(text.length, start + maxSeedBytes));
                out.add(Arrays.copyOfRange(text, start, end));
            }
        }
        out.add(handWritten().getBytes(StandardCharsets.UTF_8));
        out.add(amplification().getBytes(StandardCharsets.UTF_8));
        return out;
    }

    private static int lineStartAtOrAfter(byte[] text, int pos) {
        int p = pos;
        while (p > 0 && p < text.length && text[p - 1] != '\n') {
            p++;
        }
        return Math.min(p, text.length);
    }

    /** One text with every record type, so mutations reach every parser branch even without a corpus. */
    /**
     * Records built to amplify work (issue 13): CFI whose every frame returns into the same function, rules
     * that refer to themselves, a long postfix program, and many CFI deltas at one address.
     */
    static String amplification() {
        StringBuilder sb = new StringBuilder("MODULE Linux x86_64 000102030405060708090A0B0C0D0E0F0 loop.so\n");
        sb.append("FUNC 100 100 0 loop\n");
        sb.append("STACK CFI INIT 100 100 .cfa: $rsp 8 + .ra: .cfa -8 + ^\n");
        sb.append("STACK CFI INIT 200 100 .cfa: .cfa 8 + .ra: .ra ^ $rbp: $rbp ^\n");
        sb.append("STACK CFI INIT 300 100 .cfa: $rsp").append(" 1 +".repeat(500)).append(" .ra: .cfa ^\n");
        for (int i = 0; i < 500; i++) sb.append("STACK CFI 301 .cfa: $rsp ").append(i * 8).append(" +\n");
        sb.append("STACK WIN 4 400 100 0 0 0 0 0 0 1 $T0 $T0 = $eip $T0 ^ = $esp $esp 4 + =\n");
        return sb.toString();
    }

    static String handWritten() {
        return """
                MODULE Linux x86_64 ABCDEF0123456789ABCDEF0123456789A lib.so
                INFO CODE_ID 0123456789ABCDEF lib.so
                FILE 0 a.cc
                FILE 1 b.h
                INLINE_ORIGIN 0 inlined()
                INLINE_ORIGIN 1 0 old_form()
                FUNC m 1000 100 8 f(int)
                INLINE 0 10 1 0 1010 20 1040 10
                INLINE 1 11 1 1 1012 8
                INLINE 0 12 1 1020 8
                1000 10 1 0
                1010 30 2 1
                1040 c0 3 0
                PUBLIC m 1100 4 p
                FUNC 1200 40 0 g
                1200 40 9 1
                STACK CFI INIT 1000 100 .cfa: $rsp 8 + .ra: .cfa -8 + ^
                STACK CFI 1001 .cfa: $rsp 16 + $rbp: .cfa -16 + ^
                STACK CFI 1004 .cfa: $rbp 16 +
                STACK WIN 4 1000 100 4 0 8 4 c 0 1 $T0 .raSearch = $eip $T0 ^ = $esp $T0 4 + =
                STACK WIN 4 1010 20 0 0 8 4 c 0 1 $T0 $ebp = $eip $T0 4 + ^ =
                STACK WIN 0 1200 40 1 0 0 4 8 0 0 1
                """;
    }

    public Report run(long seed, long cases) {
        Random random = new Random(seed);
        long corrupt = 0;
        long loaded = 0;
        List<String> failures = new ArrayList<>();
        for (long c = 0; c < cases; c++) {
            long caseSeed = random.nextLong();
            try {
                SymbolParseResult r = runCase(caseSeed);
                if (r.corrupt()) {
                    corrupt++;
                } else {
                    loaded++;
                }
            } catch (Throwable t) {
                if (failures.size() < 20) {
                    failures.add("case seed " + caseSeed + ": " + t);
                }
            }
        }
        return new Report(cases, corrupt, loaded, failures);
    }

    /** One case, reproducible from its seed. Throws on any problem. */
    public SymbolParseResult runCase(long caseSeed) throws Exception {
        Random random = new Random(caseSeed);
        byte[] text = mutate(seeds.get(random.nextInt(seeds.size())), random);
        int maxLine = random.nextInt(8) == 0 ? 256 + random.nextInt(512) : BreakpadSymbolParser.DEFAULT_MAX_LINE_BYTES;
        SymbolParseResult r = BreakpadSymbolParser.parse(new ByteArrayInputStream(text), maxLine);
        if (r.corrupt() && r.reason() == null) {
            throw new AssertionError("corrupt without a reason");
        }
        SymbolSupplier.SymbolResult asResult = r.toSymbolResult();
        if ((asResult.status() == SymbolSupplier.Status.CORRUPT) != r.corrupt()) {
            throw new AssertionError("status does not follow corruption");
        }
        if (r.index() != null) {
            probe(r.index(), text, random);
        }
        return r;
    }

    private static byte[] mutate(byte[] seed, Random random) {
        List<byte[]> lines = splitLines(seed);
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations && !lines.isEmpty(); m++) {
            int i = random.nextInt(lines.size());
            switch (random.nextInt(11)) {
                case 0 -> lines.remove(i);
                case 1 -> lines.add(random.nextInt(lines.size() + 1), lines.get(i));
                case 2 -> {
                    int j = random.nextInt(lines.size());
                    byte[] t = lines.get(i);
                    lines.set(i, lines.get(j));
                    lines.set(j, t);
                }
                case 3 -> lines.set(i, replaceField(lines.get(i), random));
                case 4 -> lines.set(i, replaceField(replaceField(lines.get(i), random), random));
                case 5 -> {
                    byte[] l = lines.get(i).clone();
                    if (l.length > 0) {
                        l[random.nextInt(l.length)] = (byte) random.nextInt(256);
                    }
                    lines.set(i, l);
                }
                case 6 -> lines.set(i, (KEYWORDS[random.nextInt(KEYWORDS.length)]
                        + new String(lines.get(i), StandardCharsets.ISO_8859_1).replaceFirst("^[A-Z_]+ ", ""))
                        .getBytes(StandardCharsets.ISO_8859_1));
                case 7 -> lines.set(i, Arrays.copyOf(lines.get(i), random.nextInt(lines.get(i).length + 1)));
                case 8 -> {
                    byte[] junk = new byte[random.nextInt(64)];
                    random.nextBytes(junk);
                    lines.add(i, junk);
                }
                case 9 -> lines.set(i, (new String(lines.get(i), StandardCharsets.ISO_8859_1)
                        + " " + GARBAGE[random.nextInt(GARBAGE.length)]).getBytes(StandardCharsets.ISO_8859_1));
                default -> {
                    // Reorder a block: moves records away from their FUNC / STACK CFI INIT.
                    int j = Math.min(lines.size(), i + 1 + random.nextInt(20));
                    List<byte[]> block = new ArrayList<>(lines.subList(i, j));
                    lines.subList(i, j).clear();
                    lines.addAll(random.nextInt(lines.size() + 1), block);
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(seed.length + 64);
        String[] endings = {"\n", "\n", "\n", "\r\n", "\r", ""};
        String ending = random.nextInt(4) == 0 ? endings[random.nextInt(endings.length)] : "\n";
        for (byte[] l : lines) {
            out.writeBytes(l);
            out.writeBytes(ending.getBytes(StandardCharsets.ISO_8859_1));
        }
        byte[] result = out.toByteArray();
        if (random.nextInt(10) == 0 && result.length > 0) {
            result = Arrays.copyOf(result, random.nextInt(result.length)); // truncated download
        }
        return result;
    }

    private static byte[] replaceField(byte[] line, Random random) {
        String[] fields = new String(line, StandardCharsets.ISO_8859_1).split(" ", -1);
        int f = random.nextInt(fields.length);
        String g = GARBAGE[random.nextInt(GARBAGE.length)];
        if (random.nextInt(20) == 0) {
            g = "x".repeat(random.nextInt(3000));
        }
        fields[f] = g;
        return String.join(" ", fields).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<byte[]> splitLines(byte[] text) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= text.length; i++) {
            if (i == text.length || text[i] == '\n') {
                int end = i > start && text[i - 1] == '\r' ? i - 1 : i;
                if (i < text.length || end > start) {
                    lines.add(Arrays.copyOfRange(text, start, end));
                }
                start = i + 1;
            }
        }
        return lines;
    }

    /** Lookups at random offsets and at numbers found in the text; every hit must cover its offset. */
    private static void probe(SymbolIndex s, byte[] text, Random random) {
        List<Long> offsets = new ArrayList<>();
        for (int k = 0; k < 40; k++) {
            offsets.add(random.nextInt(4) == 0 ? random.nextLong() : (long) random.nextInt(0x20000));
        }
        String t = new String(text, 0, Math.min(text.length, 20_000), StandardCharsets.ISO_8859_1);
        for (String token : t.split("[ \n\r]+")) {
            if (offsets.size() > 400) {
                break;
            }
            if (token.matches("[0-9a-f]{1,15}")) {
                long v = Long.parseLong(token, 16);
                offsets.add(v);
                offsets.add(v - 1);
                offsets.add(v + 1);
            }
        }
        offsets.add(0L);
        offsets.add(-1L);
        offsets.add(Long.MAX_VALUE);
        offsets.add(Long.MIN_VALUE);
        for (long x : offsets) {
            FunctionHit f = s.function(x);
            check(f == null || covers(f.address(), f.size(), x), "function", x);
            LineHit l = s.line(x);
            check(l == null || (f != null && covers(l.address(), l.size(), x)), "line", x);
            List<InlineHit> chain = s.inlines(x);
            for (int d = 0; d < chain.size(); d++) {
                InlineHit in = chain.get(d);
                check(in.depth() == d && covers(in.address(), in.size(), x) && in.name() != null, "inline", x);
            }
            check(chain.isEmpty() || f != null, "inline without function", x);
            PublicHit p = s.publicSymbol(x);
            check(p == null || (p.address() <= x && p.name() != null), "public", x);
            s.publicSymbolFallback(x);
            var cfi = s.cfi(x);
            check(cfi == null || cfi.rules() != null, "cfi", x);
            WinFrameInfo w = s.winFrame(x);
            check(w == null || covers(w.address(), w.size(), x), "win", x);
        }
        for (int i = 0; i < Math.min(s.functionCount(), 50); i++) {
            s.linesOf(i);
        }
        s.estimatedBytes();
    }

    private static boolean covers(long address, long size, long x) {
        return x >= address && x - address < size;
    }

    private static void check(boolean ok, String what, long x) {
        if (!ok) {
            throw new AssertionError(what + " lookup inconsistent at 0x" + Long.toHexString(x));
        }
    }

    public static void main(String[] args) throws Exception {
        long cases = 100_000;
        long seed = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cases" -> cases = Long.parseLong(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Path root = CorpusFiles.root();
        List<byte[]> seeds = Files.isDirectory(root) ? corpusSeeds(root, 24_000, true)
                : List.of(handWritten().getBytes(StandardCharsets.UTF_8), amplification().getBytes(StandardCharsets.UTF_8));
        System.out.printf(Locale.ROOT, "%d seeds; running %d cases from seed %d%n", seeds.size(), cases, seed);
        long t0 = System.nanoTime();
        Report report = new SymbolFuzz(seeds).run(seed, cases);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%d cases in %.1f s: %d loaded, %d corrupt, %d failures%n",
                report.cases(), s, report.loaded(), report.corrupt(), report.failures().size());
        report.failures().forEach(System.out::println);
        System.exit(report.failures().isEmpty() ? 0 : 1);
    }
}
