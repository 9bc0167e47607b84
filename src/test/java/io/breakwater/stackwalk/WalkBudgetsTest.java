package io.breakwater.stackwalk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.breakwater.minidump.Minidump;
import io.breakwater.minidump.synth.AmplificationDumps;
import io.breakwater.stackwalk.output.Json;
import io.breakwater.stackwalk.output.JsonWriter;
import io.breakwater.symbols.BreakpadSymbolParser;
import io.breakwater.symbols.SymbolSupplier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Per-dump budgets and cancellation on the amplification dumps of issue 13. */
class WalkBudgetsTest {

    static final int STACK_BYTES = 64 * 1024;
    static final int FRAMES_PER_STACK = STACK_BYTES / 16;
    static final SymbolSupplier NO_SYMBOLS = (file, id) -> SymbolSupplier.SymbolResult.missing();
    /** A generous time limit: exceeding it throws, so a result proves the walk ended within it. */
    static final Stackwalker.Budgets DEFAULT_WITH_LIMIT = Stackwalker.Budgets.DEFAULT.withTimeLimit(Duration.ofSeconds(60));

    static SymbolSupplier loopSymbols() {
        var parsed = BreakpadSymbolParser.parse(AmplificationDumps.cfiLoopSymbols());
        return (file, id) -> SymbolSupplier.SymbolResult.loaded(parsed.index());
    }

    static ProcessState walk(byte[] dump, SymbolSupplier symbols, Stackwalker.Budgets budgets) throws Exception {
        try (Minidump m = Minidump.of(dump)) {
            return new Stackwalker(symbols, Stackwalker.Options.DEFAULT, budgets).process(m);
        }
    }

    static long totalFrames(ProcessState s) {
        return s.threads().stream().mapToLong(t -> t.frames().size()).sum();
    }

    static long count(ProcessState s, CallStack.Status status) {
        return s.threads().stream().filter(t -> t.status() == status).count();
    }

    static boolean noted(ProcessState s, String text) {
        return s.notes().stream().anyMatch(n -> n.contains(text));
    }

    @ParameterizedTest
    @ValueSource(ints = {1_000, 10_000, 60_000})
    void manyThreadsOnOneDeepStackEndPartialAtTheFrameBudget(int threads) throws Exception {
        byte[] dump = AmplificationDumps.manyThreadsOneFramePointerStack(threads, STACK_BYTES);
        ProcessState s = walk(dump, NO_SYMBOLS, DEFAULT_WITH_LIMIT);

        int listed = s.threads().size();
        if (threads <= 10_000) assertEquals(threads, listed, "every thread is listed");
        assertEquals(listed, count(s, CallStack.Status.OK) + count(s, CallStack.Status.NOT_WALKED));
        assertTrue(totalFrames(s) <= Stackwalker.Budgets.DEFAULT.maxFrames(), "frames: " + totalFrames(s));
        assertTrue(s.partial());
        assertTrue(noted(s, "frame budget of 100000 exhausted"), s.notes().toString());
        assertTrue(count(s, CallStack.Status.NOT_WALKED) > listed - 100, "most threads are not walked");

        CallStack crashing = s.crashingThread();
        assertEquals(AmplificationDumps.crashedThread(threads), crashing.threadId());
        assertTrue(crashing.frames().size() >= FRAMES_PER_STACK, "the crashing thread is walked first and whole: "
                + crashing.frames().size());
        // One walk, shared: the first thread reuses the crashing thread's frames.
        assertSame(crashing.frames(), s.threads().get(0).frames());
    }

    @Test
    void threadsBeyondTheThreadBudgetAreListedWithoutWalking() throws Exception {
        // Shallow stacks: the frame budget lasts, the thread budget does not.
        byte[] dump = AmplificationDumps.manyThreadsOneFramePointerStack(3_000, 512);
        ProcessState s = walk(dump, NO_SYMBOLS, DEFAULT_WITH_LIMIT);
        assertEquals(3_000, s.threads().size());
        assertEquals(3_000 - 1 - Stackwalker.Budgets.DEFAULT.maxOtherThreads(), count(s, CallStack.Status.NOT_WALKED));
        assertTrue(noted(s, "thread budget reached: the crashing thread and 1000 others were walked; 1999 threads"),
                s.notes().toString());
        assertFalse(noted(s, "frame budget"), s.notes().toString());
        assertFalse(s.crashingThread().frames().isEmpty());
    }

    @Test
    void sharedStacksCostOneWalkEvenWithoutAFrameBudget() throws Exception {
        byte[] dump = AmplificationDumps.manyThreadsOneFramePointerStack(500, STACK_BYTES);
        Stackwalker.Budgets roomy = new Stackwalker.Budgets(Integer.MAX_VALUE, 100_000, 100_000, 10_000,
                Long.MAX_VALUE, null, () -> false);
        ProcessState s = walk(dump, NO_SYMBOLS, roomy);
        assertFalse(s.partial(), s.notes().toString());
        // 500 walks would read far more than 100,000 scan words; one does not.
        for (CallStack t : s.threads()) assertSame(s.crashingThread().frames(), t.frames());
    }

    @Test
    void jsonOutputStaysUnderItsCapAndSaysSo() throws Exception {
        byte[] dump = AmplificationDumps.manyThreadsOneFramePointerStack(1_000, STACK_BYTES);
        ProcessState s = walk(dump, NO_SYMBOLS, DEFAULT_WITH_LIMIT);
        long cap = 2L << 20;
        List<String> notes = new ArrayList<>();
        Map<String, Object> json = JsonWriter.toMap(s, cap, notes);
        String text = Json.write(json, false);
        assertTrue(text.length() <= cap, "JSON of " + text.length() + " bytes");
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("output budget of " + cap + " bytes exhausted")), notes.toString());
        assertEquals(1_000, ((List<?>) json.get("threads")).size(), "threads stay listed without frames");
        @SuppressWarnings("unchecked")
        Map<String, Object> crashing = (Map<String, Object>) json.get("crashing_thread");
        assertTrue(((List<?>) crashing.get("frames")).size() >= FRAMES_PER_STACK, "the crashing thread comes first");
    }

    @Test
    void cfiThatLoopsStopsAtTheCfiBudget() throws Exception {
        byte[] dump = AmplificationDumps.cfiLoop(1, STACK_BYTES);
        Stackwalker.Budgets budgets = DEFAULT_WITH_LIMIT;
        budgets = new Stackwalker.Budgets(budgets.maxFrames(), budgets.maxScanWords(), 3_000, budgets.maxOtherThreads(),
                budgets.maxJsonBytes(), budgets.timeLimit(), budgets.cancelled());
        ProcessState s = walk(dump, loopSymbols(), budgets);
        long cfiFrames = s.crashingThread().frames().stream().filter(f -> f.trust() == FrameTrust.CFI).count();
        assertTrue(cfiFrames > 2_000 && cfiFrames <= 3_000, "CFI frames: " + cfiFrames);
        assertTrue(noted(s, "CFI budget of 3000 evaluations exhausted"), s.notes().toString());
        assertTrue(s.partial());
    }

    @Test
    void stackScanningStopsAtTheScanBudget() throws Exception {
        // Without symbols the looping stack is walked by scanning: every word looks like a return address.
        byte[] dump = AmplificationDumps.cfiLoop(1, STACK_BYTES);
        Stackwalker.Budgets d = DEFAULT_WITH_LIMIT;
        Stackwalker.Budgets budgets = new Stackwalker.Budgets(d.maxFrames(), 1_000, d.maxCfiEvaluations(),
                d.maxOtherThreads(), d.maxJsonBytes(), d.timeLimit(), d.cancelled());
        ProcessState s = walk(dump, NO_SYMBOLS, budgets);
        assertTrue(s.crashingThread().frames().size() <= 1_001, "frames: " + s.crashingThread().frames().size());
        assertTrue(noted(s, "scan budget of 1000 stack words exhausted"), s.notes().toString());
    }

    @Test
    void ordinaryDumpsAreNotPartial() throws Exception {
        ProcessState s = walk(AmplificationDumps.manyThreadsOneFramePointerStack(3, 4096), NO_SYMBOLS, DEFAULT_WITH_LIMIT);
        assertFalse(s.partial(), s.notes().toString());
        assertEquals(0, count(s, CallStack.Status.NOT_WALKED));
    }

    @Test
    void cancellationStopsTheWalkInsideTheUnwinderLoop() throws Exception {
        byte[] dump = AmplificationDumps.cfiLoop(1, STACK_BYTES);
        AtomicInteger checks = new AtomicInteger();
        Stackwalker.Budgets budgets = Stackwalker.Budgets.DEFAULT.withCancellation(() -> checks.incrementAndGet() > 500);
        assertThrows(WalkCancelledException.class, () -> walk(dump, loopSymbols(), budgets));
        assertTrue(checks.get() > 500 && checks.get() < 600, "stopped at the first check after cancelling: " + checks);
    }

    @Test
    void anInterruptCancelsTheWalk() {
        byte[] dump = AmplificationDumps.cfiLoop(1, STACK_BYTES);
        Thread.currentThread().interrupt();
        try {
            assertThrows(WalkCancelledException.class, () -> walk(dump, loopSymbols(), Stackwalker.Budgets.DEFAULT));
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aWalkPastItsTimeLimitIsCancelled() {
        byte[] dump = AmplificationDumps.cfiLoop(1, STACK_BYTES);
        WalkCancelledException e = assertThrows(WalkCancelledException.class,
                () -> walk(dump, loopSymbols(), Stackwalker.Budgets.DEFAULT.withTimeLimit(Duration.ZERO)));
        assertTrue(e.getMessage().contains("time limit"), e.getMessage());
    }
}
