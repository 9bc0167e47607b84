package io.breakwater.stackwalk.bench;

import io.breakwater.minidump.Minidump;
import io.breakwater.stackwalk.ProcessState;
import io.breakwater.stackwalk.Stackwalker;
import io.breakwater.stackwalk.output.JsonWriter;
import io.breakwater.symbols.BreakpadSymbolParser;
import io.breakwater.symbols.CachingSymbolSupplier;
import io.breakwater.symbols.DirectorySymbolSupplier;
import io.breakwater.symbols.SymbolParseResult;
import io.breakwater.symbols.SymbolSupplier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.tukaani.xz.XZInputStream;

/**
 * Walk speed over the corpus, against Breakpad's reference figures.
 *
 * <p>Run: {@code ./mvnw -o -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:exec} (see README). Arguments: {@code [corpus dir] [rounds]}.
 * Per dump: open, walk every thread, symbolicate, write JSON. "Cold" empties the symbol cache before each
 * dump (every symbol file of the dump is read and parsed); "warm" shares one loaded cache.
 */
public final class StackwalkBenchmark {

    /** Breakpad's minidump_stackwalk, median per dump on generated/ (from the issue; not measurable here). */
    static final double BREAKPAD_MEDIAN_MS = 128.0;

    record DumpCase(String name, Path dump, Path symbols) {}

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args.length > 0 ? args[0] : "../shared/corpus").toAbsolutePath().normalize();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        if (!Files.isDirectory(corpus)) {
            System.err.println("corpus not found: " + corpus);
            System.exit(2);
        }
        System.out.println("Breakwater stackwalk benchmark");
        System.out.println("corpus: " + corpus + ", rounds: " + rounds + ", JVM: " + Runtime.version()
                + ", processors: " + Runtime.getRuntime().availableProcessors());
        System.out.printf("load average at start: %.1f (wall times on a shared machine include waiting for a CPU;"
                + " CPU times do not)%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("No Breakpad binary can be installed here; Breakpad figures are the reference values "
                + "from the issue (median ~" + (int) BREAKPAD_MEDIAN_MS + " ms per dump on generated/).");

        List<DumpCase> generated = generated(corpus);
        List<DumpCase> others = others(corpus);

        // The first dump in a fresh JVM: class loading and interpretation included.
        long t0 = System.nanoTime();
        walk(generated.get(0), fresh(generated.get(0).symbols()));
        System.out.printf("first dump in a fresh JVM (cold cache, cold JIT): %.1f ms%n%n", ms(System.nanoTime() - t0));

        // Bring the JIT to steady state before measuring.
        for (int i = 0; i < 3; i++) for (DumpCase c : generated) walk(c, fresh(c.symbols()));

        report("generated/ (" + generated.size() + " dumps)", generated, rounds, true);
        report("other corpus dumps (" + others.size() + " dumps)", others, rounds, false);
        parseThroughput(corpus);

        long[] rss = rssKb();
        System.out.printf("%npeak RSS (VmHWM): %.1f MiB, current RSS: %.1f MiB, max heap: %d MiB%n",
                rss[0] / 1024.0, rss[1] / 1024.0, Runtime.getRuntime().maxMemory() >> 20);
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static void report(String title, List<DumpCase> cases, int rounds, boolean compare) throws Exception {
        List<Double> cold = new ArrayList<>();
        List<Double> warm = new ArrayList<>();
        List<Double> coldCpu = new ArrayList<>();
        List<Double> warmCpu = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            for (DumpCase c : cases) {
                SymbolSupplier s = fresh(c.symbols());
                long cpu = THREADS.getCurrentThreadCpuTime();
                long t = System.nanoTime();
                walk(c, s);
                cold.add(ms(System.nanoTime() - t));
                coldCpu.add(ms(THREADS.getCurrentThreadCpuTime() - cpu));
            }
        }
        // Warm: one cache per symbol directory, loaded by a first pass.
        java.util.Map<Path, SymbolSupplier> caches = new java.util.HashMap<>();
        for (DumpCase c : cases) walk(c, caches.computeIfAbsent(c.symbols(), StackwalkBenchmark::fresh));
        for (int r = 0; r < rounds * 4; r++) {
            for (DumpCase c : cases) {
                SymbolSupplier s = caches.get(c.symbols());
                long cpu = THREADS.getCurrentThreadCpuTime();
                long t = System.nanoTime();
                walk(c, s);
                warm.add(ms(System.nanoTime() - t));
                warmCpu.add(ms(THREADS.getCurrentThreadCpuTime() - cpu));
            }
        }
        System.out.println("== " + title);
        double coldMedian = percentile(cold, 50);
        double warmMedian = percentile(warm, 50);
        System.out.printf("  cold symbol cache: median %.2f ms, p90 %.2f ms, max %.2f ms (%d walks)%n",
                coldMedian, percentile(cold, 90), percentile(cold, 100), cold.size());
        System.out.printf("  warm symbol cache: median %.3f ms, p90 %.3f ms, max %.3f ms (%d walks)%n",
                warmMedian, percentile(warm, 90), percentile(warm, 100), warm.size());
        System.out.printf("  CPU time of the walking thread: cold median %.2f ms, p90 %.2f ms; warm median %.3f ms, p90 %.3f ms%n",
                percentile(coldCpu, 50), percentile(coldCpu, 90), percentile(warmCpu, 50), percentile(warmCpu, 90));
        if (compare) {
            System.out.printf("  vs Breakpad median %.0f ms: warm %.0fx faster (target >= 10x: %s), cold %.1fx faster "
                            + "(target >= 1x: %s)%n",
                    BREAKPAD_MEDIAN_MS, BREAKPAD_MEDIAN_MS / warmMedian, BREAKPAD_MEDIAN_MS / warmMedian >= 10 ? "met" : "NOT met",
                    BREAKPAD_MEDIAN_MS / coldMedian, coldMedian <= BREAKPAD_MEDIAN_MS ? "met" : "NOT met");
        }
    }

    private static void parseThroughput(Path corpus) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(corpus)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".sym") || p.getFileName().toString().endsWith(".sym.xz"))
                    .sorted(Comparator.comparingLong(StackwalkBenchmark::uncompressedSizeGuess).reversed())
                    .limit(6).toList();
        }
        System.out.println("\n== .sym parse throughput (largest files, parsed from memory, best of 5)");
        long totalBytes = 0;
        double totalSeconds = 0;
        for (Path f : files) {
            byte[] text = read(f);
            double best = Double.MAX_VALUE;
            SymbolParseResult result = null;
            for (int i = 0; i < 5; i++) {
                long t = System.nanoTime();
                result = BreakpadSymbolParser.parse(text);
                best = Math.min(best, (System.nanoTime() - t) / 1e9);
            }
            double mb = text.length / 1e6;
            long index = result.index() == null ? 0 : result.index().estimatedBytes();
            System.out.printf("  %-32s %7.2f MB  %7.1f MB/s  index %6.2f MB (%.2f MB per MB of .sym)%n",
                    f.getFileName(), mb, mb / best, index / 1e6, index / 1e6 / mb);
            totalBytes += text.length;
            totalSeconds += best;
        }
        System.out.printf("  overall: %.1f MB/s%n", totalBytes / 1e6 / totalSeconds);
    }

    private static long uncompressedSizeGuess(Path p) {
        try {
            long size = Files.size(p);
            return p.toString().endsWith(".xz") ? size * 5 : size;
        } catch (IOException e) {
            return 0;
        }
    }

    private static byte[] read(Path f) throws IOException {
        if (!f.toString().endsWith(".xz")) return Files.readAllBytes(f);
        try (InputStream in = new XZInputStream(Files.newInputStream(f))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    static void walk(DumpCase c, SymbolSupplier symbols) throws Exception {
        try (Minidump m = Minidump.open(c.dump())) {
            ProcessState s = new Stackwalker(symbols).process(m);
            if (JsonWriter.write(s, false).isEmpty()) throw new IllegalStateException("empty output");
        }
    }

    static SymbolSupplier fresh(Path symbols) {
        return symbols == null ? null
                : new CachingSymbolSupplier(new DirectorySymbolSupplier(symbols), 1L << 31, Duration.ofHours(1));
    }

    private static List<DumpCase> generated(Path corpus) throws IOException {
        Path gen = corpus.resolve("generated");
        try (Stream<Path> s = Files.walk(gen, 3)) {
            return s.filter(p -> p.getFileName().toString().equals("crash.dmp")).sorted()
                    .map(p -> new DumpCase(gen.relativize(p).toString(), p, gen.resolve("symbols"))).toList();
        }
    }

    private static List<DumpCase> others(Path corpus) throws IOException {
        List<DumpCase> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(corpus)) {
            for (Path p : s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".dmp")).sorted().toList()) {
                String rel = corpus.relativize(p).toString();
                if (rel.startsWith("generated") || p.getFileName().toString().startsWith("microdump")) continue;
                Path symbols = null;
                if (rel.startsWith("breakpad/")) symbols = corpus.resolve("breakpad/processor-testdata/symbols");
                else if (rel.startsWith("rust-minidump/")) symbols = corpus.resolve("rust-minidump/symbols");
                else if (rel.startsWith("symbolic/")) symbols = corpus.resolve("symbolic/symbols");
                if (symbols != null && !Files.isDirectory(symbols)) symbols = null;
                out.add(new DumpCase(rel, p, symbols));
            }
        }
        return out;
    }

    private static double ms(long nanos) { return nanos / 1e6; }

    static double percentile(List<Double> values, int p) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        if (v.length == 0) return Double.NaN;
        int i = (int) Math.ceil(p / 100.0 * v.length) - 1;
        return v[Math.max(0, Math.min(v.length - 1, i))];
    }

    /** {VmHWM, VmRSS} in KiB from /proc (Linux), or zeros. */
    static long[] rssKb() {
        long[] out = new long[2];
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) out[0] = Long.parseLong(line.replaceAll("\\D", ""));
                if (line.startsWith("VmRSS:")) out[1] = Long.parseLong(line.replaceAll("\\D", ""));
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: report zeros
        }
        return out;
    }
}
