package io.breakwater.signature;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The walk over normalized frames: sentinels, irrelevant frames, prefixes, DLL merging, empty stacks. */
class StackSignatureToolTest {

    private static StackSignatureTool tool(List<String> irrelevant, List<String> prefix, SignatureLists.Sentinel... sentinels) {
        return new StackSignatureTool(SignatureLists.of(List.of(sentinels), irrelevant, prefix, List.of("fnNeedNumber")));
    }

    private static final SignatureLists.Sentinel SENTINEL = SignatureLists.Sentinel.of("sentinel");
    private static final SignatureLists.Sentinel SENTINEL2_IF_FF =
            new SignatureLists.Sentinel("sentinel2", frames -> frames.contains("ff"));

    private static List<String> letters(String s) {
        return new ArrayList<>(Arrays.asList(s.split("")));
    }

    @Test
    void skipsIrrelevantAndAccumulatesPrefixes() {
        StackSignatureTool tool = tool(List.of("a", "b", "c"), List.of("d", "e", "f"), SENTINEL, SENTINEL2_IF_FF);
        assertEquals("d | e | f | g", tool.generate(letters("abcdefghijklmnopqrstuvwxyz"), 0).signature());
        // Irrelevant frames between prefixes are skipped, not kept.
        assertEquals("d | e | f | g", tool.generate(letters("abcdaeafagahijklmnopqrstuvwxyz"), 0).signature());
    }

    @Test
    void longFramesAreJoinedUntruncated() {
        StackSignatureTool tool = tool(List.of("a", "b", "c"), List.of("d", "e", "f"));
        List<String> frames = letters("abcdefghijklmnopqrstuvwxyz");
        for (int i = 3; i <= 7; i++) {
            frames.set(i, frames.get(i).repeat(70));
        }
        String expected = "d".repeat(70) + " | " + "e".repeat(70) + " | " + "f".repeat(70) + " | " + "g".repeat(70);
        assertEquals(expected, tool.generate(frames, 0).signature());
    }

    @Test
    void sentinelStartsTheWalk() {
        List<String> frames = letters("abcdefghabcfaeabdijklmnopqrstuvwxyz");
        frames.set(7, "sentinel");
        assertEquals("sentinel", tool(List.of("a", "b", "c"), List.of("d", "e", "f"), SENTINEL).generate(frames, 0).signature());
        // A sentinel that is also irrelevant is skipped: the walk really starts below it.
        StackSignatureTool.Walk walk = tool(List.of("a", "b", "c", "sentinel"), List.of("d", "e", "f"), SENTINEL).generate(frames, 0);
        assertEquals("f | e | d | i", walk.signature());
        assertTrue(walk.debug().contains("sentinel; starting at \"sentinel\" index 7"), walk.debug().toString());
    }

    @Test
    void conditionalSentinelNeedsItsCondition() {
        List<String> frames = letters("abcdefghabcfaeabdijklmnopqrstuvwxyz");
        frames.set(7, "sentinel2");
        StackSignatureTool tool = tool(List.of("a", "b", "c"), List.of("d", "e", "f"), SENTINEL, SENTINEL2_IF_FF);
        assertEquals("d | e | f | g", tool.generate(frames, 0).signature());
        frames.set(22, "ff");
        assertEquals("sentinel2", tool.generate(frames, 0).signature());
    }

    @Test
    void earliestSentinelWins() {
        StackSignatureTool tool = tool(List.of(), List.of(), SignatureLists.Sentinel.of("late"), SignatureLists.Sentinel.of("early"));
        assertEquals("early", tool.generate(List.of("x", "early", "late"), 0).signature());
    }

    @Test
    void dllFramesAreCutToTheModuleAndMerged() {
        StackSignatureTool tool = tool(List.of("a", "b", "c"), List.of("d", "e", "f"));
        assertEquals("d | foo32.dll | g", tool.generate(
                List.of("a", "d", "foo32.dll@0x231423", "foo32.dll", "foo32.dll@0x42", "g"), 0).signature());
        assertEquals("foo32.dll | g", tool.generate(List.of("foo32.dll", "foo32.dll@0x231423", "g"), 0).signature());
        // Unloaded-module frames keep their offset.
        assertEquals("(unloaded foo.dll@0x10)", tool.generate(List.of("(unloaded foo.dll@0x10)"), 0).signature());
    }

    @Test
    void allIrrelevantFallsBackToTheFirstFrame() {
        StackSignatureTool.Walk walk = tool(List.of("a", "b"), List.of()).generate(List.of("a", "b"), 3);
        assertEquals("a", walk.signature());
        assertEquals(List.of("CSignatureTool: no frame data for crashing thread (3)"), walk.notes());
    }

    @Test
    void emptyStacks() {
        StackSignatureTool tool = tool(List.of(), List.of());
        StackSignatureTool.Walk walk = tool.generate(List.of(), 0);
        assertEquals("EMPTY: no frame data available", walk.signature());
        assertEquals(List.of("CSignatureTool: no frame data for crashing thread (0)"), walk.notes());
        walk = tool.generate(List.of(), null);
        assertEquals("EMPTY: no crashing thread identified", walk.signature());
        assertEquals(List.of("CSignatureTool: no crashing thread identified"), walk.notes());
    }

    @Test
    void debugLogExplainsEachFrame() {
        StackSignatureTool.Walk walk = tool(List.of("a"), List.of("d")).generate(List.of("a", "d", "g", "h"), 0);
        assertEquals(List.of("using given lists", "irrelevant; ignoring: \"a\"", "prefix; continue iterating: \"d\"",
                "not a prefix; stop: \"g\""), walk.debug());
    }

    @Test
    void frameListExpandsInlinesAndStopsAtForty() {
        StackSignatureTool tool = tool(List.of(), List.of());
        Frame withInlines = new Frame(0, "app", "outer", "/src/a.cc", 10, "0x10", "0x1010", "context",
                List.of(new InlineFrame("innermost", "/src/a.h", 3), new InlineFrame("middle", "/src/a.h", 7)), null);
        List<String> frames = tool.createFrameList(CrashThread.of(List.of(withInlines, TestCrashes.fn("app", "caller"))), false);
        assertEquals(List.of("innermost", "middle", "outer", "caller"), frames);

        List<Frame> many = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            many.add(TestCrashes.fn("f" + i));
        }
        assertEquals(StackSignatureTool.MAXIMUM_FRAMES_TO_CONSIDER, tool.createFrameList(CrashThread.of(many), false).size());
    }

    @Test
    void repeatedModuleOnlyFramesCountOnce() {
        StackSignatureTool tool = tool(List.of("irrelevant"), List.of("libxul\\.so$", "XUL$", "foo\\.dll", "<name omitted>",
                "<unknown in ", "pre"));
        // Without offsets, a run of one module's unsymbolicated frames reads the same: it is kept once.
        assertEquals("libxul.so | __clock_gettime", tool.generate(
                List.of("libxul.so", "libxul.so", "irrelevant", "libxul.so", "__clock_gettime"), 0).signature());
        assertEquals("XUL | foo.dll | <name omitted> | <unknown in bar.dll> | main", tool.generate(List.of("XUL", "XUL",
                "foo.dll", "foo.dll", "<name omitted>", "<name omitted>", "<unknown in bar.dll>", "<unknown in bar.dll>",
                "main"), 0).signature());
        // Only consecutive repeats of the same module go; a different module or any other frame in between counts.
        assertEquals("libxul.so | pre | libxul.so | x", tool.generate(List.of("libxul.so", "pre", "libxul.so", "x"), 0).signature());
        // Frames that name functions are not merged, even when repeated (recursion shows in the signature).
        assertEquals("pre | pre | x", tool.generate(List.of("pre", "pre", "x"), 0).signature());
    }

    @Test
    void windowsModulesAreLowerCased() {
        StackSignatureTool tool = tool(List.of(), List.of());
        CrashThread thread = CrashThread.of(List.of(Frame.ofModuleOffset("USER2.dll", "0x20869", "0x77370869")));
        assertEquals(List.of("user2.dll"), tool.createFrameList(thread, true));
        assertEquals(List.of("USER2.dll"), tool.createFrameList(thread, false));
    }
}
