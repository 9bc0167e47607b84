package io.breakwater.minidump.bench;

import io.breakwater.minidump.AllAccessors;
import io.breakwater.minidump.Corpus;
import io.breakwater.minidump.Minidump;
import io.breakwater.minidump.MinidumpThread;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Prints how long reading corpus dumps takes: open plus the walker's needs (SystemInfo, threads with
 * contexts and stacks, modules, exception, memory index), and open plus every accessor.
 *
 * <pre>java -cp target/test-classes:target/classes io.breakwater.minidump.bench.MinidumpReadBenchmark [rounds]</pre>
 */
public final class MinidumpReadBenchmark {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path root = Corpus.rootOrNull();
        if (root == null) {
            System.out.println("corpus not found");
            return;
        }
        List<Path> dumps = Corpus.dumps(root).stream().filter(p -> !Corpus.isMicrodump(p)).toList();
        long sink = 0;
        for (int warm = 0; warm < 3; warm++) for (Path p : dumps) sink += readCore(p) + readAll(p);
        List<Double> core = new ArrayList<>(), all = new ArrayList<>();
        double worstCore = 0;
        String worst = "";
        for (Path p : dumps) {
            long best = Long.MAX_VALUE, bestAll = Long.MAX_VALUE;
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                sink += readCore(p);
                long t1 = System.nanoTime();
                sink += readAll(p);
                long t2 = System.nanoTime();
                best = Math.min(best, t1 - t0);
                bestAll = Math.min(bestAll, t2 - t1);
            }
            core.add(best / 1e6);
            all.add(bestAll / 1e6);
            if (best / 1e6 > worstCore) {
                worstCore = best / 1e6;
                worst = root.relativize(p).toString();
            }
        }
        Collections.sort(core);
        Collections.sort(all);
        System.out.printf("%d dumps, best of %d rounds each%n", dumps.size(), rounds);
        System.out.printf("open + walker accessors: median %.3f ms, p90 %.3f ms, max %.3f ms (%s)%n",
                core.get(core.size() / 2), core.get(core.size() * 9 / 10), worstCore, worst);
        System.out.printf("open + every accessor:   median %.3f ms, p90 %.3f ms, max %.3f ms%n",
                all.get(all.size() / 2), all.get(all.size() * 9 / 10), all.get(all.size() - 1));
        System.out.println("(checksum " + sink + ")");
    }

    private static long readCore(Path p) throws Exception {
        try (Minidump d = Minidump.open(p)) {
            long s = d.systemInfo().map(x -> x.cpu().ordinal()).orElse(0);
            for (MinidumpThread t : d.threads()) s += t.threadId() + (t.context() == null ? 0 : t.context().registers().size());
            s += d.modules().size() + (d.moduleAt(0x400000) == null ? 0 : 1);
            s += d.exception().map(e -> e.threadId()).orElse(0L);
            s += d.memory().regionAt(0x7fff0000L) == null ? 0 : 1;
            return s;
        }
    }

    private static long readAll(Path p) throws Exception {
        try (Minidump d = Minidump.open(p)) {
            return AllAccessors.run(d);
        }
    }
}
