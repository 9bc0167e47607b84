package io.breakwater.stackwalk.fuzz;

import io.breakwater.minidump.Minidump;
import io.breakwater.minidump.MinidumpFormatException;
import io.breakwater.minidump.fuzz.MinidumpFuzz;
import io.breakwater.stackwalk.ProcessState;
import io.breakwater.minidump.synth.AmplificationDumps;
import io.breakwater.stackwalk.Stackwalker;
import io.breakwater.stackwalk.output.HumanWriter;
import io.breakwater.stackwalk.output.JsonWriter;
import io.breakwater.stackwalk.output.MachineReadableWriter;
import io.breakwater.symbols.BreakpadSymbolParser;
import io.breakwater.symbols.CachingSymbolSupplier;
import io.breakwater.symbols.DirectorySymbolSupplier;
import io.breakwater.symbols.SymbolSupplier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Mutation fuzzing of the whole walk: a mutated dump (from the reader's mutator, seeded with the
 * generated corpus) walked with the real symbol files, where in one case of two the symbols of the
 * executable and of libcrashlib are also mutated line by line (CFI rules, STACK WIN programs, addresses).
 * Every case runs the walker and all three writers; anything escaping, an OutOfMemoryError or a case
 * over the time limit is a failure. Case {@code i} depends only on {@code seed} and {@code i}.
 *
 * <pre>
 * ./mvnw -o -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:exec -Dbench.main=io.breakwater.stackwalk.fuzz.StackwalkFuzz -Dbench.args="--cases 1000000"
 * </pre>
 */
public final class StackwalkFuzz {

    public record Failure(long caseIndex, String problem) {}

    public record Result(long cases, long rejected, long walked, long frames, List<Failure> failures) {}

    private static final String[] TOKENS = {"0", "1", "-1", "8", "-8", "16", "4294967295", "18446744073709551615",
            "99999999999999999999", "+", "-", "*", "/", "%", "@", "^", "=", "$rsp", "$rbp", "$rip", ".cfa", ".ra",
            "$esp", "$ebp", "$eip", ".raSearchStart", "$T0", "sp", "x29", "pc", ":", ".cfa:", ".ra:", "$rbp:",
            "ffffffff", "0x10", "", "INLINE", "FUNC", "STACK", "CFI", "WIN", "4", "m"};

    private final MinidumpFuzz dumps;
    private final Path symbolDir;
    private final SymbolSupplier realSymbols;
    private final List<String> mutableNames = List.of("crashgen", "libcrashlib.so");
    private final List<List<String>> mutableTexts = new ArrayList<>();
    private final long seed;
    private final long caseTimeoutMillis;

    public StackwalkFuzz(Path corpus, long seed, long caseTimeoutMillis) throws IOException {
        this.seed = seed;
        this.caseTimeoutMillis = caseTimeoutMillis;
        Path generated = corpus.resolve("generated");
        List<byte[]> seeds = new ArrayList<>();
        try (var s = Files.walk(generated, 3)) {
            for (Path p : s.filter(p -> p.getFileName().toString().equals("crash.dmp")).sorted().toList()) {
                seeds.add(Files.readAllBytes(p));
            }
        }
        // Amplification shapes (issue 13), small enough for many cases: hundreds of threads on one stack, and
        // a stack whose every word is a return address. WalkBudgetsTest covers the full-size shapes.
        seeds.add(AmplificationDumps.manyThreadsOneFramePointerStack(300, 1024));
        seeds.add(AmplificationDumps.cfiLoop(100, 512));
        this.dumps = new MinidumpFuzz(seeds, seed, caseTimeoutMillis);
        this.symbolDir = generated.resolve("symbols");
        this.realSymbols = new CachingSymbolSupplier(new DirectorySymbolSupplier(symbolDir), 1L << 30, Duration.ofHours(1));
        for (String name : mutableNames) {
            try (var s = Files.walk(symbolDir.resolve(name))) {
                Path sym = s.filter(p -> p.toString().endsWith(".sym")).sorted().findFirst().orElseThrow();
                mutableTexts.add(Files.readAllLines(sym, StandardCharsets.UTF_8));
            }
        }
    }

    /** Runs cases {@code first .. first+count-1}. */
    public Result run(long first, long count, PrintWriter progress) {
        List<Failure> failures = new ArrayList<>();
        long rejected = 0, walked = 0, frames = 0;
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "stackwalk-fuzz");
            t.setDaemon(true);
            return t;
        });
        try {
            for (long i = first; i < first + count; i++) {
                final long index = i;
                Future<Long> f = worker.submit(() -> runCase(index));
                try {
                    long n = f.get(caseTimeoutMillis, TimeUnit.MILLISECONDS);
                    if (n < 0) rejected++;
                    else {
                        walked++;
                        frames += n;
                    }
                } catch (TimeoutException e) {
                    f.cancel(true);
                    failures.add(new Failure(i, "over " + caseTimeoutMillis + " ms"));
                    worker.shutdownNow();
                    worker = Executors.newSingleThreadExecutor();
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(new Failure(i, String.valueOf(e.getCause())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                if (progress != null && (i - first + 1) % 10_000 == 0) {
                    progress.printf("%d cases, %d walked, %d rejected, %d failures%n", i - first + 1, walked, rejected,
                            failures.size());
                    progress.flush();
                }
            }
        } finally {
            worker.shutdownNow();
        }
        return new Result(count, rejected, walked, frames, failures);
    }

    /** Frames walked, or -1 when the mutated file is not a minidump at all. */
    long runCase(long index) {
        SplittableRandom r = new SplittableRandom(seed * 0x2545F4914F6CDD1DL + index);
        byte[] dump = dumps.mutate(index);
        SymbolSupplier symbols = r.nextBoolean() ? realSymbols : mutatedSymbols(r);
        try (Minidump m = Minidump.of(dump)) {
            ProcessState s = new Stackwalker(symbols).process(m);
            JsonWriter.write(s, false);
            MachineReadableWriter.write(s);
            HumanWriter.write(s);
            long n = 0;
            for (var t : s.threads()) n += t.frames().size();
            return n;
        } catch (MinidumpFormatException e) {
            return -1;
        }
    }

    private SymbolSupplier mutatedSymbols(SplittableRandom r) {
        int which = r.nextInt(mutableTexts.size());
        List<String> lines = new ArrayList<>(mutableTexts.get(which));
        int edits = 1 + r.nextInt(20);
        for (int e = 0; e < edits; e++) {
            int li = r.nextInt(lines.size());
            String[] tokens = lines.get(li).split(" ", -1);
            switch (r.nextInt(4)) {
                case 0 -> tokens[r.nextInt(tokens.length)] = TOKENS[r.nextInt(TOKENS.length)];
                case 1 -> tokens[r.nextInt(tokens.length)] = Long.toHexString(r.nextLong());
                case 2 -> lines.set(li, lines.get(li).substring(0, r.nextInt(lines.get(li).length() + 1)));
                default -> {
                    int a = r.nextInt(tokens.length), b = r.nextInt(tokens.length);
                    String t = tokens[a];
                    tokens[a] = tokens[b];
                    tokens[b] = t;
                }
            }
            if (r.nextInt(4) != 2) lines.set(li, String.join(" ", tokens));
        }
        byte[] text = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        String mutated = mutableNames.get(which);
        SymbolSupplier.SymbolResult parsed = BreakpadSymbolParser.parse(text).toSymbolResult();
        return (debugFile, debugId) -> debugFile.equals(mutated) ? parsed : realSymbols.locate(debugFile, debugId);
    }

    public static void main(String[] args) throws IOException {
        long cases = 100_000, seed = 1, first = 0;
        Path corpus = Path.of("../shared/corpus");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cases" -> cases = Long.parseLong(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--case" -> {
                    first = Long.parseLong(args[++i]);
                    cases = 1;
                }
                case "--corpus" -> corpus = Path.of(args[++i]);
                default -> corpus = Path.of(args[i]);
            }
        }
        StackwalkFuzz fuzz = new StackwalkFuzz(corpus.toAbsolutePath().normalize(), seed, 10_000);
        long start = System.nanoTime();
        PrintWriter out = new PrintWriter(System.out, true);
        Result result = fuzz.run(first, cases, out);
        out.printf("%d cases in %.1f s: %d walked (%d frames), %d rejected, %d failures%n", result.cases(),
                (System.nanoTime() - start) / 1e9, result.walked(), result.frames(), result.rejected(),
                result.failures().size());
        for (Failure f : result.failures()) out.println("case " + f.caseIndex() + ": " + f.problem());
        System.exit(result.failures().isEmpty() ? 0 : 1);
    }
}
