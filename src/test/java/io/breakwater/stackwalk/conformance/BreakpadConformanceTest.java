package io.breakwater.stackwalk.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.breakwater.stackwalk.ProcessState;
import io.breakwater.stackwalk.output.HumanWriter;
import io.breakwater.stackwalk.output.MachineReadableWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Our walk against Breakpad's {@code minidump_stackwalk} outputs: the generated corpus (with symbols,
 * and without) and Breakpad's own regression dump. Per frame we compare module, function, source file,
 * line and (where a human-readable reference exists) how the frame was found.
 */
class BreakpadConformanceTest {

    /** One reference: a dump, its symbols, and Breakpad's -m (and optionally human) output. */
    record Case(String name, Path dump, Path symbols, Path machineReadable, Path human) {}

    static final class Totals {
        final MatchRate crashing = new MatchRate();
        final MatchRate all = new MatchRate();
        final MatchRate offsets = new MatchRate();
        final MatchRate trust = new MatchRate();
        final MatchRate modules = new MatchRate();
        final MatchRate headers = new MatchRate();
        int identicalFiles;
        int files;
        final List<String> mismatches = new ArrayList<>();
    }

    @Test
    void generatedCorpusWithSymbols() throws IOException {
        Path root = Corpus.requireRoot();
        List<Case> cases = new ArrayList<>();
        for (String c : Corpus.generatedCases(root)) {
            Path dir = root.resolve("generated").resolve(c);
            cases.add(new Case(c, dir.resolve("crash.dmp"), root.resolve("generated/symbols"),
                    dir.resolve("stackwalk-m.txt"), dir.resolve("stackwalk.txt")));
        }
        Totals t = run("generated (symbols)", cases);
        assertExact(t);
    }

    @Test
    void generatedCorpusWithoutSymbols() throws IOException {
        Path root = Corpus.requireRoot();
        List<Case> cases = new ArrayList<>();
        for (String c : Corpus.generatedCases(root)) {
            Path dir = root.resolve("generated").resolve(c);
            cases.add(new Case(c, dir.resolve("crash.dmp"), null, dir.resolve("stackwalk-nosyms-m.txt"), null));
        }
        Totals t = run("generated (no symbols)", cases);
        assertExact(t);
    }

    @Test
    void breakpadRegressionDump() throws IOException {
        Path root = Corpus.requireRoot();
        Path td = root.resolve("breakpad/processor-testdata");
        Totals t = run("breakpad processor-testdata", List.of(new Case("minidump2", td.resolve("minidump2.dmp"),
                td.resolve("symbols"), td.resolve("minidump2.stackwalk.machine_readable.out"),
                td.resolve("minidump2.stackwalk.out"))));
        assertExact(t);
        // The human report matches Breakpad's line for line.
        ProcessState s = Corpus.process(td.resolve("minidump2.dmp"), td.resolve("symbols"));
        assertEquals(Files.readString(td.resolve("minidump2.stackwalk.out")), HumanWriter.write(s));
    }

    private static void assertExact(Totals t) {
        assertTrue(t.files > 0, "no reference outputs found");
        assertEquals(t.headers.compared, t.headers.matched, "OS/CPU/Crash lines: " + t.mismatches);
        assertEquals(t.modules.compared, t.modules.matched, "module lists: " + t.mismatches);
        assertEquals(t.crashing.compared, t.crashing.matched, "crashing-thread frames: " + t.mismatches);
        assertTrue(t.all.rate() >= 0.98, "all-thread frame match " + t.all + ": " + t.mismatches);
        assertTrue(t.trust.rate() >= 0.98, "trust match " + t.trust + ": " + t.mismatches);
    }

    private static Totals run(String reference, List<Case> cases) throws IOException {
        Totals t = new Totals();
        for (Case c : cases) {
            if (!Files.isRegularFile(c.machineReadable())) continue;
            t.files++;
            ProcessState state = Corpus.process(c.dump(), c.symbols());
            String ours = MachineReadableWriter.write(state);
            String theirs = Files.readString(c.machineReadable());
            if (ours.equals(theirs)) t.identicalFiles++;
            compare(c, BreakpadText.machineReadable(ours), BreakpadText.machineReadable(theirs), t);
            if (c.human() != null && Files.isRegularFile(c.human())) {
                compareTrust(c, BreakpadText.trusts(HumanWriter.write(state)),
                        BreakpadText.trusts(Files.readString(c.human())), t);
            }
        }
        report(reference, t);
        return t;
    }

    private static void compare(Case c, BreakpadText.MachineReadable ours, BreakpadText.MachineReadable theirs, Totals t) {
        for (int i = 0; i < Math.max(ours.header().size(), theirs.header().size()); i++) {
            String a = i < ours.header().size() ? ours.header().get(i) : null;
            String b = i < theirs.header().size() ? theirs.header().get(i) : null;
            boolean ok = a != null && a.equals(b);
            t.headers.add(ok);
            if (!ok) t.mismatches.add(c.name() + ": header '" + a + "' vs '" + b + "'");
        }
        boolean modulesOk = ours.modules().equals(theirs.modules());
        t.modules.add(modulesOk);
        if (!modulesOk) t.mismatches.add(c.name() + ": module list differs");
        Set<Integer> threads = new TreeSet<>(theirs.threads().keySet());
        threads.addAll(ours.threads().keySet());
        for (int thread : threads) {
            List<BreakpadText.Frame> a = ours.threads().getOrDefault(thread, List.of());
            List<BreakpadText.Frame> b = theirs.threads().getOrDefault(thread, List.of());
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                BreakpadText.Frame x = i < a.size() ? a.get(i) : null;
                BreakpadText.Frame y = i < b.size() ? b.get(i) : null;
                boolean ok = x != null && y != null && x.module().equals(y.module()) && x.function().equals(y.function())
                        && x.file().equals(y.file()) && x.line().equals(y.line());
                t.all.add(ok);
                if (thread == theirs.crashingThread()) t.crashing.add(ok);
                t.offsets.add(x != null && y != null && x.offset().equals(y.offset()));
                if (!ok && t.mismatches.size() < 40) {
                    t.mismatches.add(c.name() + ": thread " + thread + " frame " + i + ": " + x + " vs " + y);
                }
            }
        }
    }

    private static void compareTrust(Case c, Map<Integer, List<String>> ours, Map<Integer, List<String>> theirs, Totals t) {
        for (Map.Entry<Integer, List<String>> e : theirs.entrySet()) {
            List<String> a = ours.getOrDefault(e.getKey(), List.of());
            List<String> b = e.getValue();
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                boolean ok = i < a.size() && i < b.size() && a.get(i).equals(b.get(i));
                t.trust.add(ok);
                if (!ok && t.mismatches.size() < 40) {
                    t.mismatches.add(c.name() + ": thread " + e.getKey() + " frame " + i + " found by "
                            + (i < a.size() ? a.get(i) : null) + " vs " + (i < b.size() ? b.get(i) : null));
                }
            }
        }
    }

    private static void report(String reference, Totals t) throws IOException {
        Map<String, Object> lines = new LinkedHashMap<>();
        lines.put("reference", reference);
        lines.put("outputs compared", t.files);
        lines.put("byte-identical -m outputs", t.identicalFiles + "/" + t.files);
        lines.put("OS/CPU/GPU/Crash lines", t.headers);
        lines.put("module lists", t.modules);
        lines.put("crashing-thread frames (module, function, file, line)", t.crashing);
        lines.put("all-thread frames (module, function, file, line)", t.all);
        lines.put("frame offsets", t.offsets);
        lines.put("trust (Found by)", t.trust.compared == 0 ? "n/a" : t.trust);
        StringBuilder sb = new StringBuilder();
        lines.forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
        if (!t.mismatches.isEmpty()) sb.append("mismatches:\n  ").append(String.join("\n  ", t.mismatches)).append('\n');
        System.out.print(sb);
        Path dir = Path.of("target", "conformance");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("breakpad-" + reference.replaceAll("[^a-z0-9]+", "-") + ".txt"), sb.toString());
    }
}
