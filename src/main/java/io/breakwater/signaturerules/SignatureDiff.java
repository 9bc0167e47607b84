package io.breakwater.signaturerules;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a signature-list change does to a set of crashes, from (crash id, old signature, new signature):
 * <ul>
 *   <li>a <b>split</b>: the crashes of one old signature end up under several new ones (possibly still
 *       including the old one);</li>
 *   <li>a <b>merge</b>: the crashes of several old signatures end up under one new signature;</li>
 *   <li>a <b>rename</b>: all crashes of one old signature move to one new signature, which gets no others.</li>
 * </ul>
 * Unchanged crashes matter only for the signatures a change touches; {@link #addUnchanged} counts them
 * without ids. The report is the same whatever order the crashes come in (examples are the smallest ids),
 * so a prediction and the outcome compare with {@code equals}.
 */
public final class SignatureDiff {

    /** Example crash ids kept per old → new mapping. */
    public static final int EXAMPLES = 3;

    /** One old → new mapping: how many crashes, and a few of them (none for unchanged ones). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Mapping(String oldSignature, String newSignature, long crashes, List<String> examples) {
        public boolean changed() {
            return !oldSignature.equals(newSignature);
        }
    }

    /** One old signature whose crashes go to several new ones. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Split(String oldSignature, long crashes, List<Mapping> into) {
    }

    /** One new signature that gets the crashes of several old ones. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Merge(String newSignature, long crashes, List<Mapping> from) {
    }

    /**
     * @param involvedUnchanged crashes that keep their signature, for each signature a change touches
     *                          (what rebuilding this diff from the changed crashes alone needs)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Report(long crashesExamined, long crashesChanged, int splitCount, int mergeCount, int renameCount,
                         List<Split> splits, List<Merge> merges, List<Mapping> renames,
                         Map<String, Long> involvedUnchanged) {

        /** Same splits, merges and renames with the same counts and examples; the crashes examined may differ. */
        public boolean sameChanges(Report other) {
            return other != null && crashesChanged == other.crashesChanged && splits.equals(other.splits)
                    && merges.equals(other.merges) && renames.equals(other.renames);
        }

        /** The same report with at most {@code max} entries per list, largest first (for pages). */
        public Report limited(int max) {
            return new Report(crashesExamined, crashesChanged, splitCount, mergeCount, renameCount,
                    splits.stream().limit(max).toList(), merges.stream().limit(max).toList(),
                    renames.stream().limit(max).toList(), involvedUnchanged);
        }
    }

    private static final class Cell {
        long crashes;
        final TreeSet<String> examples = new TreeSet<>();
    }

    // old → new → cell; sorted maps keep the report independent of arrival order.
    private final Map<String, Map<String, Cell>> cells = new TreeMap<>();
    private long examined;

    /** One crash: its signature before and after the change (null counts as the empty signature). */
    public void add(String crashId, String oldSignature, String newSignature) {
        String from = oldSignature == null ? "" : oldSignature;
        String to = newSignature == null ? "" : newSignature;
        Cell cell = cells.computeIfAbsent(from, k -> new TreeMap<>()).computeIfAbsent(to, k -> new Cell());
        cell.crashes++;
        examined++;
        if (!from.equals(to) && crashId != null) {
            cell.examples.add(crashId);
            if (cell.examples.size() > EXAMPLES) cell.examples.pollLast();
        }
    }

    /** {@code count} crashes that keep {@code signature}, without their ids. */
    public void addUnchanged(String signature, long count) {
        if (count <= 0) return;
        String sig = signature == null ? "" : signature;
        cells.computeIfAbsent(sig, k -> new TreeMap<>()).computeIfAbsent(sig, k -> new Cell()).crashes += count;
        examined += count;
    }

    public Report report() {
        Map<String, List<Mapping>> byNew = new TreeMap<>();
        Map<String, List<Mapping>> byOld = new TreeMap<>();
        Set<String> involved = new LinkedHashSet<>();
        long changed = 0;
        for (var old : cells.entrySet()) {
            for (var to : old.getValue().entrySet()) {
                Mapping m = new Mapping(old.getKey(), to.getKey(), to.getValue().crashes, List.copyOf(to.getValue().examples));
                byOld.computeIfAbsent(m.oldSignature(), k -> new ArrayList<>()).add(m);
                byNew.computeIfAbsent(m.newSignature(), k -> new ArrayList<>()).add(m);
                if (m.changed()) {
                    changed += m.crashes();
                    involved.add(m.oldSignature());
                    involved.add(m.newSignature());
                }
            }
        }
        Comparator<Mapping> largestFirst = Comparator.comparingLong(Mapping::crashes).reversed()
                .thenComparing(Mapping::oldSignature).thenComparing(Mapping::newSignature);

        List<Split> splits = new ArrayList<>();
        List<Mapping> renames = new ArrayList<>();
        for (var entry : byOld.entrySet()) {
            List<Mapping> into = entry.getValue();
            if (into.size() > 1) {
                splits.add(new Split(entry.getKey(), total(into), into.stream().sorted(largestFirst).toList()));
            } else if (into.get(0).changed() && byNew.get(into.get(0).newSignature()).size() == 1) {
                renames.add(into.get(0));
            }
        }
        List<Merge> merges = new ArrayList<>();
        for (var entry : byNew.entrySet()) {
            List<Mapping> from = entry.getValue();
            if (from.size() > 1) {
                merges.add(new Merge(entry.getKey(), total(from), from.stream().sorted(largestFirst).toList()));
            }
        }
        splits.sort(Comparator.comparingLong(Split::crashes).reversed().thenComparing(Split::oldSignature));
        merges.sort(Comparator.comparingLong(Merge::crashes).reversed().thenComparing(Merge::newSignature));
        renames.sort(largestFirst);

        Map<String, Long> unchanged = new TreeMap<>();
        Map<String, Long> kept = new HashMap<>();
        cells.forEach((old, row) -> {
            Cell same = row.get(old);
            if (same != null) kept.put(old, same.crashes);
        });
        for (String sig : involved) {
            Long count = kept.get(sig);
            if (count != null) unchanged.put(sig, count);
        }
        return new Report(examined, changed, splits.size(), merges.size(), renames.size(),
                List.copyOf(splits), List.copyOf(merges), List.copyOf(renames), unchanged);
    }

    private static long total(List<Mapping> mappings) {
        return mappings.stream().mapToLong(Mapping::crashes).sum();
    }
}
