package io.breakwater.minidump.fuzz;

import io.breakwater.minidump.AllAccessors;
import io.breakwater.minidump.Corpus;
import io.breakwater.minidump.Minidump;
import io.breakwater.minidump.MinidumpFormatException;
import io.breakwater.minidump.StreamEntry;
import io.breakwater.minidump.synth.AmplificationDumps;
import io.breakwater.minidump.synth.SynthContext;
import io.breakwater.minidump.synth.SynthCrashpad;
import io.breakwater.minidump.synth.SynthMinidump;
import io.breakwater.minidump.synth.SynthModule;
import io.breakwater.minidump.Cpu;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Mutation fuzzing of the minidump reader. Seeds are the corpus dumps (text microdumps excluded) plus a
 * few synthetic dumps, amplification shapes among them ({@link AmplificationDumps}); each case applies 1-4 mutations (bit flips, byte sets, truncation, splices from
 * another seed, and structure-aware lies about directory sizes/offsets, list counts and in-stream
 * locations), parses the result and runs every accessor. A case fails when anything other than
 * {@link MinidumpFormatException} escapes, on OutOfMemoryError, or when it exceeds the time limit.
 * Case {@code i} depends only on {@code seed} and {@code i}, so failures replay with {@code --case i}.
 *
 * <pre>
 * java -cp target/test-classes:target/classes io.breakwater.minidump.fuzz.MinidumpFuzz --cases 100000 --seed 1
 * </pre>
 */
public final class MinidumpFuzz {

    /** A failing case: its index, what escaped, and the input bytes. */
    public record Failure(long caseIndex, String problem, byte[] input) {}

    /** Summary of a run. */
    public record Result(long cases, long formatErrors, long parsed, long maxCaseNanos, long slowestCase,
                         List<Failure> failures) {}

    private static final long[] INTERESTING_U32 = {0, 1, 2, 4, 8, 0x7f, 0x80, 0xff, 0x100, 0xfff, 0x1000, 0xffff,
            0x10000, 0x7fffffffL, 0x80000000L, 0xfffffffeL, 0xffffffffL};
    private static final long[] STREAM_TYPES = {StreamEntry.THREAD_LIST, StreamEntry.MODULE_LIST, StreamEntry.MEMORY_LIST,
            StreamEntry.EXCEPTION, StreamEntry.SYSTEM_INFO, StreamEntry.MEMORY64_LIST, StreamEntry.UNLOADED_MODULE_LIST,
            StreamEntry.MISC_INFO, StreamEntry.MEMORY_INFO_LIST, StreamEntry.THREAD_NAMES, StreamEntry.BREAKPAD_INFO,
            StreamEntry.ASSERTION_INFO, StreamEntry.LINUX_MAPS, StreamEntry.LINUX_AUXV, StreamEntry.LINUX_DSO_DEBUG,
            StreamEntry.CRASHPAD_INFO, StreamEntry.MOZ_MACOS_CRASH_INFO, StreamEntry.MOZ_MACOS_BOOTARGS};

    private final List<byte[]> seeds;
    private final long seed;
    private final long caseTimeoutMillis;

    public MinidumpFuzz(List<byte[]> seeds, long seed, long caseTimeoutMillis) {
        if (seeds.isEmpty()) throw new IllegalArgumentException("no seed dumps");
        this.seeds = seeds;
        this.seed = seed;
        this.caseTimeoutMillis = caseTimeoutMillis;
    }

    /** Corpus dumps (when the corpus is present) plus synthetic ones, which are always available. */
    public static List<byte[]> defaultSeeds() throws IOException {
        List<byte[]> seeds = new ArrayList<>(syntheticSeeds());
        Path root = Corpus.rootOrNull();
        if (root != null) {
            for (Path p : Corpus.dumps(root)) {
                if (!Corpus.isMicrodump(p)) seeds.add(Files.readAllBytes(p));
            }
        }
        return seeds;
    }

    static List<byte[]> syntheticSeeds() {
        byte[] stack = new byte[512];
        for (int i = 0; i < stack.length; i++) stack[i] = (byte) (i * 13);
        List<byte[]> out = new ArrayList<>();
        out.add(SynthMinidump.create().systemInfo(Cpu.AMD64, SynthMinidump.LINUX)
                .thread(1, SynthContext.amd64().set("rip", 0x400100).set("rsp", 0x7000), 0x7000, stack)
                .module(SynthModule.of(0x400000, 0x1000, "/bin/a").elfBuildId("00112233445566778899aabbccddeeff00112233"))
                .exception(1, 0xb, 0x45, SynthContext.amd64().set("rip", 0x400100))
                .threadName(1, "main").linuxMaps("00400000-00401000 r-xp 00000000 08:01 1 /bin/a\n")
                .linuxDsoDebug64(1, 2, 3, new long[][] {{0x400000, 5}}, new String[] {"/bin/a"})
                .linuxAuxv(8, 6, 4096, 0, 0).memory64(0x9000, stack).unloadedModule(0x1000, 0x100, 1, "u.so")
                .memoryInfo(0x7000, 0x1000, 0x1000, 4, 0x20000).build());
        out.add(SynthMinidump.create().systemInfo(s -> s.architecture(0).platformId(2).csd("Service Pack 2").vendor("GenuineIntel"))
                .thread(2, SynthContext.x86().set("eip", 0x401000).set("esp", 0x12f000).xstate(64), 0x12f000, stack)
                .module(SynthModule.of(0x400000, 0x2d000, "c:\\a.exe").pdb70("5A9832E5-2872-41C1-838E-D98914E9B7FF", 1, "a.pdb").version(1, 2, 3, 4))
                .module(SynthModule.of(0x500000, 0x1000, "c:\\b.dll").pdb20(5, 6, "b.pdb"))
                .breakpadInfo(2L, 2L).assertion("e", "f", "g", 1, 1).miscInfo(7, 8)
                .crashpadInfo(new SynthCrashpad().simple("k", "v").module(0, m -> m.list("l").annotation("n", 1, "v")))
                .build());
        out.add(SynthMinidump.create().systemInfo(Cpu.ARM64, SynthMinidump.MAC)
                .thread(3, SynthContext.arm64().set("pc", 0x1000).set("sp", 0x2000), 0x2000, stack)
                .thread(4, SynthContext.arm64Old().set("pc", 0x1000).set("sp", 0x2000), 0x3000, stack)
                .macCrashInfo("/usr/lib/libc.dylib", "abort() called", "other").build());
        out.add(SynthMinidump.create().systemInfo(Cpu.ARM, SynthMinidump.ANDROID)
                .thread(5, SynthContext.arm().set("pc", 0x1000).set("sp", 0x2000), 0x2000, stack).build());
        // Amplification shapes (issue 13): many threads on one stack, lying list counts.
        out.add(AmplificationDumps.manyThreadsOneFramePointerStack(1_000, 4096));
        out.add(AmplificationDumps.hugeMemoryListCount());
        out.add(AmplificationDumps.hugeThreadListCount());
        return out;
    }

    /** Runs cases [first, first+count). */
    public Result run(long first, long count, PrintWriter progress) {
        List<Failure> failures = new ArrayList<>();
        long formatErrors = 0, parsed = 0, maxNanos = 0, slowest = -1;
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "minidump-fuzz");
            t.setDaemon(true);
            return t;
        });
        try {
            for (long i = first; i < first + count; i++) {
                byte[] input = mutate(i);
                long start = System.nanoTime();
                Future<Boolean> f = worker.submit(() -> parseAll(input));
                try {
                    if (f.get(caseTimeoutMillis, TimeUnit.MILLISECONDS)) parsed++;
                    else formatErrors++;
                } catch (TimeoutException e) {
                    failures.add(new Failure(i, "exceeded " + caseTimeoutMillis + " ms", input));
                    f.cancel(true);
                    // A runaway case keeps the worker busy; replace it so the run can go on.
                    worker.shutdownNow();
                    worker = Executors.newSingleThreadExecutor(r -> {
                        Thread t = new Thread(r, "minidump-fuzz");
                        t.setDaemon(true);
                        return t;
                    });
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(new Failure(i, stackTrace(e.getCause()), input));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                long took = System.nanoTime() - start;
                if (took > maxNanos) {
                    maxNanos = took;
                    slowest = i;
                }
                if (progress != null && (i - first + 1) % 10_000 == 0) {
                    progress.printf("%d cases, %d failures, max case %.1f ms%n", i - first + 1, failures.size(), maxNanos / 1e6);
                    progress.flush();
                }
                if (failures.size() >= 20) break;
            }
        } finally {
            worker.shutdownNow();
        }
        return new Result(count, formatErrors, parsed, maxNanos, slowest, failures);
    }

    /** True when the input parsed as a minidump, false for a clean format error; anything else propagates. */
    static boolean parseAll(byte[] input) {
        try (Minidump d = Minidump.of(input)) {
            AllAccessors.run(d);
            // The reader turns unexpected decoder exceptions into this note; treat it as a bug too.
            for (String note : d.notes()) {
                if (note.contains("could not be decoded")) throw new AssertionError("decoder failure: " + note);
            }
            return true;
        } catch (MinidumpFormatException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) throw new AssertionError("format error without a message");
            return false;
        }
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        String s = w.toString();
        return s.length() > 2000 ? s.substring(0, 2000) : s;
    }

    // ------------------------------------------------------------------ mutations

    /** The input of case {@code index}. */
    public byte[] mutate(long index) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        byte[] base = seeds.get(r.nextInt(seeds.size()));
        byte[] b = base.clone();
        int rounds = 1 + r.nextInt(4);
        for (int k = 0; k < rounds; k++) {
            b = switch (r.nextInt(9)) {
                case 0 -> bitFlips(b, r);
                case 1 -> byteSets(b, r);
                case 2 -> u32Set(b, r, r.nextInt(Math.max(1, b.length)));
                case 3 -> truncate(b, r);
                case 4 -> splice(b, r);
                case 5, 6 -> directoryLie(b, r);
                default -> streamFieldLie(b, r);
            };
        }
        return b;
    }

    private static byte[] bitFlips(byte[] b, SplittableRandom r) {
        if (b.length == 0) return b;
        int n = 1 + r.nextInt(8);
        for (int i = 0; i < n; i++) b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
        return b;
    }

    private static byte[] byteSets(byte[] b, SplittableRandom r) {
        if (b.length == 0) return b;
        int[] values = {0, 0xff, 0x7f, 0x80, 0x01};
        int n = 1 + r.nextInt(16);
        for (int i = 0; i < n; i++) b[r.nextInt(b.length)] = (byte) (r.nextBoolean() ? values[r.nextInt(values.length)] : r.nextInt(256));
        return b;
    }

    private long lieValue(SplittableRandom r, int fileSize) {
        return switch (r.nextInt(4)) {
            case 0 -> INTERESTING_U32[r.nextInt(INTERESTING_U32.length)];
            case 1 -> Math.max(0, fileSize + r.nextInt(-16, 16));
            case 2 -> r.nextInt(Math.max(1, fileSize));
            default -> r.nextLong() & 0xffffffffL;
        };
    }

    private byte[] u32Set(byte[] b, SplittableRandom r, int at) {
        if (at < 0 || at + 4 > b.length) return b;
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at, (int) lieValue(r, b.length));
        return b;
    }

    private static byte[] truncate(byte[] b, SplittableRandom r) {
        if (b.length == 0) return b;
        int n = r.nextBoolean() ? r.nextInt(b.length) : b.length - r.nextInt(Math.min(b.length, 4096));
        return java.util.Arrays.copyOf(b, n);
    }

    private byte[] splice(byte[] b, SplittableRandom r) {
        byte[] other = seeds.get(r.nextInt(seeds.size()));
        if (other.length == 0 || b.length == 0) return b;
        int len = 1 + r.nextInt(Math.min(4096, other.length));
        int from = r.nextInt(other.length - len + 1);
        int to = r.nextInt(b.length);
        if (r.nextBoolean()) {
            int n = Math.min(len, b.length - to);
            System.arraycopy(other, from, b, to, n);
            return b;
        }
        byte[] out = new byte[b.length + len];
        System.arraycopy(b, 0, out, 0, to);
        System.arraycopy(other, from, out, to, len);
        System.arraycopy(b, to, out, to + len, b.length - to);
        return out;
    }

    /** Directory entry i: type at dir+12i, size at +4, rva at +8. */
    private static int[] directory(byte[] b) {
        if (b.length < 32) return null;
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long count = bb.getInt(8) & 0xffffffffL;
        long rva = bb.getInt(12) & 0xffffffffL;
        if (count == 0 || rva + 12 > b.length) return null;
        long fit = Math.min(count, (b.length - rva) / 12);
        return new int[] {(int) rva, (int) fit};
    }

    private byte[] directoryLie(byte[] b, SplittableRandom r) {
        int[] dir = directory(b);
        if (dir == null) return u32Set(b, r, 8 + 4 * r.nextInt(2));
        int entry = dir[0] + 12 * r.nextInt(dir[1]);
        return switch (r.nextInt(4)) {
            case 0 -> u32Set(b, r, entry + 4); // size
            case 1 -> u32Set(b, r, entry + 8); // rva
            case 2 -> { // another entry's location: overlapping streams
                int other = dir[0] + 12 * r.nextInt(dir[1]);
                System.arraycopy(b, other + 4, b, entry + 4, 8);
                yield b;
            }
            default -> { // retype it as an interesting stream
                ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(entry, (int) STREAM_TYPES[r.nextInt(STREAM_TYPES.length)]);
                yield b;
            }
        };
    }

    /** Lies inside a stream's data: its leading count, or any aligned field of its first records. */
    private byte[] streamFieldLie(byte[] b, SplittableRandom r) {
        int[] dir = directory(b);
        if (dir == null) return bitFlips(b, r);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int entry = dir[0] + 12 * r.nextInt(dir[1]);
        long size = bb.getInt(entry + 4) & 0xffffffffL;
        long rva = bb.getInt(entry + 8) & 0xffffffffL;
        if (rva + 4 > b.length) return b;
        if (r.nextInt(3) == 0) return u32Set(b, r, (int) rva); // the count
        long span = Math.min(size, Math.min(512, b.length - rva));
        if (span < 4) return b;
        return u32Set(b, r, (int) (rva + 4 * r.nextLong(span / 4)));
    }

    // ------------------------------------------------------------------ command line

    public static void main(String[] args) throws Exception {
        long cases = 100_000, seed = 1, timeout = 5_000, first = 0;
        Long single = null;
        Path out = Path.of("target", "fuzz-failures");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cases" -> cases = Long.parseLong(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--first" -> first = Long.parseLong(args[++i]);
                case "--case" -> single = Long.parseLong(args[++i]);
                case "--timeout-ms" -> timeout = Long.parseLong(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: MinidumpFuzz [--cases N] [--seed S] [--first I] [--case I] [--timeout-ms T] [--out DIR]");
                    System.exit(2);
                }
            }
        }
        List<byte[]> seeds = defaultSeeds();
        MinidumpFuzz fuzz = new MinidumpFuzz(seeds, seed, timeout);
        if (single != null) {
            first = single;
            cases = 1;
        }
        PrintWriter progress = new PrintWriter(System.out, true);
        progress.printf("seeds: %d dumps; seed %d; cases %d from %d%n", seeds.size(), seed, cases, first);
        long start = System.nanoTime();
        Result result = fuzz.run(first, cases, progress);
        double seconds = (System.nanoTime() - start) / 1e9;
        progress.printf("done: %d cases in %.1f s (%.0f/s): %d parsed, %d format errors, max case %.1f ms (case %d), %d failures%n",
                result.cases(), seconds, result.cases() / seconds, result.parsed(), result.formatErrors(),
                result.maxCaseNanos() / 1e6, result.slowestCase(), result.failures().size());
        if (!result.failures().isEmpty()) {
            Files.createDirectories(out);
            for (Failure f : result.failures()) {
                Path file = out.resolve("seed" + seed + "-case" + f.caseIndex() + ".dmp");
                Files.write(file, f.input());
                progress.printf("FAILURE case %d (input %s):%n%s%n", f.caseIndex(), file, f.problem());
            }
            System.exit(1);
        }
    }
}
