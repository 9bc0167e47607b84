package io.breakwater.signaturerules;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignatureDiffTest {

    @Test
    void oneOldSignatureGoingToTwoNewOnesIsASplit() {
        SignatureDiff diff = new SignatureDiff();
        diff.add("c1", "alloc", "alloc | parse");
        diff.add("c2", "alloc", "alloc | parse");
        diff.add("c3", "alloc", "alloc | render");
        diff.add("c4", "other", "other");
        SignatureDiff.Report report = diff.report();

        assertEquals(4, report.crashesExamined());
        assertEquals(3, report.crashesChanged());
        assertEquals(1, report.splitCount());
        assertEquals(0, report.mergeCount());
        assertEquals(0, report.renameCount());
        SignatureDiff.Split split = report.splits().get(0);
        assertEquals("alloc", split.oldSignature());
        assertEquals(3, split.crashes());
        assertEquals(List.of(new SignatureDiff.Mapping("alloc", "alloc | parse", 2, List.of("c1", "c2")),
                new SignatureDiff.Mapping("alloc", "alloc | render", 1, List.of("c3"))), split.into());
    }

    @Test
    void partOfASignatureKeepingItIsStillASplit() {
        SignatureDiff diff = new SignatureDiff();
        diff.add("c1", "A", "A");
        diff.add("c2", "A", "B");
        SignatureDiff.Report report = diff.report();
        assertEquals(1, report.splitCount());
        assertEquals(1, report.crashesChanged());
        assertEquals(List.of(new SignatureDiff.Mapping("A", "A", 1, List.of()),
                new SignatureDiff.Mapping("A", "B", 1, List.of("c2"))), report.splits().get(0).into());
        assertEquals(Map.of("A", 1L), report.involvedUnchanged());
    }

    @Test
    void severalOldSignaturesGoingToOneIsAMergeAndASoleMoveIsARename() {
        SignatureDiff diff = new SignatureDiff();
        diff.add("m1", "foo | a", "foo");
        diff.add("m2", "foo | b", "foo");
        diff.add("m3", "foo | b", "foo");
        diff.add("r1", "old name", "new name");
        SignatureDiff.Report report = diff.report();
        assertEquals(0, report.splitCount());
        assertEquals(1, report.mergeCount());
        assertEquals(1, report.renameCount());
        SignatureDiff.Merge merge = report.merges().get(0);
        assertEquals("foo", merge.newSignature());
        assertEquals(3, merge.crashes());
        assertEquals("foo | b", merge.from().get(0).oldSignature(), "largest first");
        assertEquals(List.of(new SignatureDiff.Mapping("old name", "new name", 1, List.of("r1"))), report.renames());
    }

    @Test
    void examplesAreTheSmallestIdsAndTheReportIgnoresOrder() {
        List<String[]> crashes = new ArrayList<>();
        for (int i = 0; i < 20; i++) crashes.add(new String[] {"id" + (char) ('a' + i), "S", i % 2 == 0 ? "S1" : "S2"});
        for (int i = 0; i < 5; i++) crashes.add(new String[] {"k" + i, "K", "K"});
        SignatureDiff first = new SignatureDiff();
        crashes.forEach(c -> first.add(c[0], c[1], c[2]));
        Collections.shuffle(crashes, new Random(7));
        SignatureDiff second = new SignatureDiff();
        crashes.forEach(c -> second.add(c[0], c[1], c[2]));

        assertEquals(first.report(), second.report());
        SignatureDiff.Mapping s1 = first.report().splits().get(0).into().get(0);
        assertEquals(List.of("ida", "idc", "ide"), s1.examples());
        assertTrue(first.report().involvedUnchanged().isEmpty(), "K is touched by no change");
    }

    @Test
    void rebuiltFromChangedCrashesAndUnchangedCountsItHasTheSameChanges() {
        SignatureDiff full = new SignatureDiff();
        full.add("c1", "A", "A");
        full.add("c2", "A", "A");
        full.add("c3", "A", "B");
        full.add("c4", "C", "B");
        full.add("c5", "D", "D");
        SignatureDiff.Report predicted = full.report();

        SignatureDiff rebuilt = new SignatureDiff();
        predicted.involvedUnchanged().forEach(rebuilt::addUnchanged);
        rebuilt.add("c3", "A", "B");
        rebuilt.add("c4", "C", "B");
        SignatureDiff.Report actual = rebuilt.report();
        assertTrue(predicted.sameChanges(actual));
        assertEquals(4, actual.crashesExamined(), "D was never looked at again");

        SignatureDiff different = new SignatureDiff();
        predicted.involvedUnchanged().forEach(different::addUnchanged);
        different.add("c3", "A", "A");
        different.add("c4", "C", "B");
        assertFalse(predicted.sameChanges(different.report()), "a crash that did not change breaks the prediction");
    }

    @Test
    void nullSignaturesCountAsEmpty() {
        SignatureDiff diff = new SignatureDiff();
        diff.add("c1", null, "X");
        assertEquals("", diff.report().renames().get(0).oldSignature());
    }
}
