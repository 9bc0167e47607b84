package io.breakwater.symbols.bench;

import io.breakwater.symbols.BreakpadSymbolParser;
import io.breakwater.symbols.CorpusFiles;
import io.breakwater.symbols.SymbolIndex;
import io.breakwater.symbols.SymbolParseResult;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Parse throughput (MB per second of the parsing thread's CPU time, since the machine may be shared) and index size (bytes of index per MB of .sym) over the largest symbol files
 * of the corpus (the .sym.xz ones are decompressed in memory first, outside the timing) and over a
 * synthetic file generated on disk and parsed from the file.
 *
 * <pre>
 * ./mvnw -o -q test-compile
 * java -Xmx2g -cp target/classes:target/test-classes:$HOME/.m2/repository/org/tukaani/xz/1.10/xz-1.10.jar \
 *     io.breakwater.symbols.bench.SymbolParseBenchmark [--top N | --no-corpus] [--synthetic-mb MB] [--keep]
 * </pre>
 */
public final class SymbolParseBenchmark {

    private SymbolParseBenchmark() {}

    public static void main(String[] args) throws Exception {
        int top = 10;
        int syntheticMb = 300;
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--top" -> top = Integer.parseInt(args[++i]);
                case "--synthetic-mb" -> syntheticMb = Integer.parseInt(args[++i]);
                case "--keep" -> keep = true;
                case "--no-corpus" -> top = 0;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (top > 0) {
            corpus(top);
        }
        if (syntheticMb > 0) {
            synthetic(syntheticMb, keep);
        }
    }

    private record Input(String name, byte[] text) {}

    private static void corpus(int top) throws IOException {
        Path root = CorpusFiles.root();
        if (!Files.isDirectory(root)) {
            System.out.println("corpus not found at " + root + "; skipping corpus files");
            return;
        }
        List<Input> inputs = new ArrayList<>();
        for (Path p : CorpusFiles.symbolFiles(root)) {
            inputs.add(new Input(root.relativize(p).toString(), CorpusFiles.read(p)));
        }
        inputs.sort(Comparator.comparingInt((Input in) -> in.text.length).reversed());
        long allBytes = inputs.stream().mapToLong(in -> in.text.length).sum();
        System.out.printf(Locale.ROOT, "corpus: %d symbol files, %.1f MB of symbol text%n", inputs.size(), mb(allBytes));

        // Warm the JIT on everything once.
        for (Input in : inputs) {
            BreakpadSymbolParser.parse(in.text);
        }
        System.out.printf(Locale.ROOT, "%-100s %9s %9s %11s%n", "file (largest " + top + ")", "MB", "MB/s cpu", "index B/MB");
        long totalBytes = 0;
        long totalNanos = 0;
        long totalIndex = 0;
        for (Input in : inputs.subList(0, Math.min(top, inputs.size()))) {
            int reps = Math.max(3, (int) (200_000_000L / Math.max(1, in.text.length)));
            long best = Long.MAX_VALUE;
            SymbolIndex index = null;
            for (int r = 0; r < reps; r++) {
                long t0 = cpu();
                SymbolParseResult result = BreakpadSymbolParser.parse(new ByteArrayInputStream(in.text));
                long t = cpu() - t0;
                best = Math.min(best, t);
                index = result.index();
            }
            totalBytes += in.text.length;
            totalNanos += best;
            totalIndex += index.estimatedBytes();
            System.out.printf(Locale.ROOT, "%-100s %9.2f %9.1f %11.0f%n", in.name, mb(in.text.length),
                    mb(in.text.length) / (best / 1e9), index.estimatedBytes() / mb(in.text.length));
        }
        System.out.println("index bytes by part, largest file: "
                + BreakpadSymbolParser.parse(inputs.get(0).text).index().estimatedBytesByPart());
        System.out.printf(Locale.ROOT, "largest %d together: %.1f MB/s, %.0f index bytes per MB of .sym%n", top,
                mb(totalBytes) / (totalNanos / 1e9), totalIndex / mb(totalBytes));

        long t0 = cpu();
        long indexBytes = 0;
        for (Input in : inputs) {
            indexBytes += BreakpadSymbolParser.parse(in.text).index().estimatedBytes();
        }
        long t = cpu() - t0;
        System.out.printf(Locale.ROOT, "all %d files: %.1f MB/s, %.0f index bytes per MB of .sym%n", inputs.size(),
                mb(allBytes) / (t / 1e9), indexBytes / mb(allBytes));
    }

    private static void synthetic(int targetMb, boolean keep) throws IOException {
        Path dir = Files.createTempDirectory("sym-bench");
        Path file = dir.resolve("synthetic.sym");
        try {
            long t0 = System.nanoTime();
            Expected expected = generate(file, (long) targetMb << 20);
            long size = Files.size(file);
            System.out.printf(Locale.ROOT, "synthetic: wrote %.1f MB in %.1f s (%d FUNC, %d line, %d STACK CFI)%n",
                    mb(size), (System.nanoTime() - t0) / 1e9, expected.functions, expected.lines, expected.cfi);
            for (int run = 1; run <= 2; run++) {
                System.gc();
                long heapBefore = usedHeap();
                java.lang.management.ManagementFactory.getMemoryPoolMXBeans().forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
                long start = System.nanoTime();
                long startCpu = cpu();
                long startProcess = processCpu();
                SymbolParseResult result;
                try (InputStream in = Files.newInputStream(file)) {
                    result = BreakpadSymbolParser.parse(in);
                }
                long nanos = cpu() - startCpu;
                long wall = System.nanoTime() - start;
                long processNanos = processCpu() - startProcess;
                long peak = java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
                        .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
                System.gc();
                long heapAfter = usedHeap();
                SymbolIndex index = result.index();
                if (result.corrupt() || index.functionCount() != expected.functions
                        || !expected.probeName.equals(index.function(expected.probeAddress).name())) {
                    throw new IllegalStateException("synthetic parse wrong: " + result.reason());
                }
                System.out.printf(Locale.ROOT,
                        "synthetic run %d: %.1f MB/s of CPU time (%.2f s thread CPU, %.2f s process CPU incl. GC, %.2f s wall), index %.1f MB estimated"
                                + " = %.0f B per MB of .sym, heap retained %.1f MB, heap peak during parse <= %.1f MB%n",
                        run, mb(size) / (nanos / 1e9), nanos / 1e9, processNanos / 1e9, wall / 1e9, mb(index.estimatedBytes()),
                        index.estimatedBytes() / mb(size), mb(heapAfter - heapBefore), mb(peak));
                System.out.println("  index bytes by part: " + index.estimatedBytesByPart());
                lookups(index, expected);
                result = null;
                index = null;
            }
        } finally {
            if (!keep) {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            } else {
                System.out.println("kept " + file);
            }
        }
    }

    private static void lookups(SymbolIndex index, Expected expected) {
        Random random = new Random(1);
        int n = 2_000_000;
        long sink = 0;
        long t0 = cpu();
        for (int i = 0; i < n; i++) {
            long offset = 0x1000 + (random.nextLong() & Long.MAX_VALUE) % expected.endAddress;
            var f = index.function(offset);
            var l = index.line(offset);
            var c = index.cfi(offset);
            sink += (f == null ? 0 : 1) + (l == null ? 0 : l.line()) + (c == null ? 0 : c.rules().size());
        }
        long t = cpu() - t0;
        System.out.printf(Locale.ROOT, "  lookups: %.0f ns per function+line+cfi triple (%d)%n", (double) t / n, sink & 1);
    }

    private record Expected(long functions, long lines, long cfi, long endAddress, long probeAddress, String probeName) {}

    /** Writes a realistic mix of records (shape of a large C++ library) until {@code bytes} are written. */
    private static Expected generate(Path file, long bytes) throws IOException {
        Random random = new Random(42);
        String[] namespaces = {"mozilla", "mozilla::dom", "js::jit", "nsTArray_Impl<RefPtr<nsIContent>, nsTArrayInfallibleAllocator>",
            "std::__1::basic_string<char, std::__1::char_traits<char>, std::__1::allocator<char> >", "webrtc", "skia::SkPath"};
        String[] regs = {"$rbx", "$rbp", "$r12", "$r13", "$r14", "$r15"};
        long functions = 0;
        long lines = 0;
        long cfi = 0;
        long probeAddress = 0;
        String probeName = null;
        CountingWriter counter;
        try (Writer w = new BufferedWriter(new OutputStreamWriter(counter = new CountingWriter(Files.newOutputStream(file)),
                StandardCharsets.UTF_8), 1 << 16)) {
            w.write("MODULE Linux x86_64 0123456789ABCDEF0123456789ABCDEF0 libsynthetic.so\n");
            w.write("INFO CODE_ID 0123456789ABCDEF0123456789ABCDEF01234567\n");
            int fileCount = 20_000;
            for (int i = 0; i < fileCount; i++) {
                w.write("FILE " + i + " /builds/worker/checkouts/gecko/dom/module" + (i % 97) + "/Source" + i + ".cpp\n");
            }
            int originCount = 5_000;
            for (int i = 0; i < originCount; i++) {
                w.write("INLINE_ORIGIN " + i + " " + namespaces[i % namespaces.length] + "::inlined_helper_" + i + "()\n");
            }
            long addr = 0x1000;
            StringBuilder sb = new StringBuilder(4096);
            while (counter.count < bytes) {
                sb.setLength(0);
                int nLines = 4 + random.nextInt(24);
                long size = 0;
                int[] lineSizes = new int[nLines];
                for (int k = 0; k < nLines; k++) {
                    lineSizes[k] = 1 + random.nextInt(24);
                    size += lineSizes[k];
                }
                String name = namespaces[random.nextInt(namespaces.length)] + "::Function" + functions
                        + "(unsigned int, " + namespaces[random.nextInt(namespaces.length)] + " const&)";
                if (functions == 1000) {
                    probeAddress = addr + 1;
                    probeName = name;
                }
                sb.append("FUNC ").append(Long.toHexString(addr)).append(' ').append(Long.toHexString(size))
                        .append(" 0 ").append(name).append('\n');
                if (random.nextInt(4) == 0) {
                    long inlineStart = addr + lineSizes[0];
                    sb.append("INLINE 0 ").append(1 + random.nextInt(3000)).append(' ').append(random.nextInt(fileCount))
                            .append(' ').append(random.nextInt(originCount)).append(' ').append(Long.toHexString(inlineStart))
                            .append(' ').append(Long.toHexString(Math.max(1, size - lineSizes[0] - 1))).append('\n');
                }
                int fileId = random.nextInt(fileCount);
                int lineNo = 1 + random.nextInt(5000);
                long a = addr;
                for (int k = 0; k < nLines; k++) {
                    sb.append(Long.toHexString(a)).append(' ').append(Integer.toHexString(lineSizes[k])).append(' ')
                            .append(lineNo + random.nextInt(20)).append(' ').append(fileId).append('\n');
                    a += lineSizes[k];
                }
                lines += nLines;
                sb.append("STACK CFI INIT ").append(Long.toHexString(addr)).append(' ').append(Long.toHexString(size))
                        .append(" .cfa: $rsp 8 + .ra: .cfa -8 + ^\n");
                int deltas = random.nextInt(6);
                for (int k = 0; k < deltas && k + 1 < size; k++) {
                    sb.append("STACK CFI ").append(Long.toHexString(addr + k + 1)).append(' ').append(regs[k % regs.length])
                            .append(": .cfa -").append(16 + 8 * k).append(" + ^ .cfa: $rsp ").append(16 + 8 * k).append(" +\n");
                }
                cfi += 1 + deltas;
                if (random.nextInt(10) == 0) {
                    sb.append("PUBLIC ").append(Long.toHexString(addr + size)).append(" 0 public_thunk_").append(functions).append('\n');
                }
                w.write(sb.toString());
                addr += size + 1 + random.nextInt(16);
                functions++;
            }
            return new Expected(functions, lines, cfi, addr, probeAddress, probeName);
        }
    }

    private static final class CountingWriter extends java.io.FilterOutputStream {
        long count;

        CountingWriter(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /** CPU time of this thread: the machine may be shared, so wall time overstates the cost. */
    private static long cpu() {
        return THREADS.getCurrentThreadCpuTime();
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
