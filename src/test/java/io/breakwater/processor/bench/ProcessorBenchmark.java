package io.breakwater.processor.bench;

import io.breakwater.processor.CrashProcessor;
import io.breakwater.processor.DumpWalker;
import io.breakwater.processor.EngineDumpWalker;
import io.breakwater.processor.EngineSignatures;
import io.breakwater.processor.ProcessingContext;
import io.breakwater.processor.RuleSets;
import io.breakwater.signature.SignatureGenerator;
import io.breakwater.signature.SignatureLists;
import io.breakwater.symbols.CachingSymbolSupplier;
import io.breakwater.symbols.DirectorySymbolSupplier;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Processing throughput without services: every generated corpus dump through the default rule set with
 * warm symbols, printing crashes per second and how much of it is the stack walk.
 * Run: {@code java -cp <test classpath> io.breakwater.processor.bench.ProcessorBenchmark [corpus/generated] [rounds]}.
 */
public final class ProcessorBenchmark {

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args.length > 0 ? args[0] : "../shared/corpus/generated");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        List<Path> dumps;
        try (Stream<Path> files = Files.walk(corpus)) {
            dumps = files.filter(p -> p.getFileName().toString().equals("crash.dmp")).sorted().toList();
        }
        var symbols = new CachingSymbolSupplier(new DirectorySymbolSupplier(corpus.resolve("symbols")),
                512L << 20, Duration.ofMinutes(5));
        EngineDumpWalker engine = new EngineDumpWalker(symbols);
        AtomicLong walkNanos = new AtomicLong();
        DumpWalker timed = dump -> {
            long t = System.nanoTime();
            try {
                return engine.walk(dump);
            } finally {
                walkNanos.addAndGet(System.nanoTime() - t);
            }
        };
        CrashProcessor processor = new CrashProcessor(RuleSets.create(timed,
                new EngineSignatures(new SignatureGenerator(SignatureLists.defaults()))), Clock.systemUTC());

        run(processor, dumps, 1); // warm symbols and JIT
        walkNanos.set(0);
        long start = System.nanoTime();
        int crashes = run(processor, dumps, rounds);
        long total = System.nanoTime() - start;
        System.out.printf("%d crashes (%d dumps x %d rounds) in %.2f s: %.1f crashes/s on one thread%n",
                crashes, dumps.size(), rounds, total / 1e9, crashes / (total / 1e9));
        System.out.printf("per crash: %.2f ms total, %.2f ms stack walk, %.2f ms other rules%n",
                total / 1e6 / crashes, walkNanos.get() / 1e6 / crashes, (total - walkNanos.get()) / 1e6 / crashes);
    }

    private static int run(CrashProcessor processor, List<Path> dumps, int rounds) throws InterruptedException {
        int n = 0;
        for (int r = 0; r < rounds; r++) {
            for (Path dump : dumps) {
                String id = "de1bb258-cbbf-4589-a673-34f800160918";
                processor.process(new CrashProcessor.Input(id, null,
                        new java.util.LinkedHashMap<>(Map.of("uuid", id, "submitted_timestamp", Instant.now().toString())),
                        Map.of(ProcessingContext.MAIN_DUMP, dump), null));
                n++;
            }
        }
        return n;
    }
}
