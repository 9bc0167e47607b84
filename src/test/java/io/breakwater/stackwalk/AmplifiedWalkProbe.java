package io.breakwater.stackwalk;

import io.breakwater.minidump.Minidump;
import io.breakwater.minidump.synth.AmplificationDumps;
import io.breakwater.stackwalk.output.Json;
import io.breakwater.stackwalk.output.JsonWriter;
import io.breakwater.symbols.SymbolSupplier;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Walks the worst amplification dump (many threads on one deep stack) with the default budgets and writes
 * its JSON, as the processor does, then prints what it got. {@link WalkMemoryBoundTest} runs it in a JVM
 * with a small heap: finishing there is the proof that a walk's memory is bounded.
 * Arguments: thread count, stack bytes.
 */
public final class AmplifiedWalkProbe {

    private AmplifiedWalkProbe() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        int stackBytes = Integer.parseInt(args[1]);
        byte[] dump = AmplificationDumps.manyThreadsOneFramePointerStack(threads, stackBytes);
        SymbolSupplier none = (file, id) -> SymbolSupplier.SymbolResult.missing();
        ProcessState state;
        try (Minidump m = Minidump.of(dump)) {
            state = new Stackwalker(none, Stackwalker.Options.DEFAULT, Stackwalker.Budgets.DEFAULT).process(m);
        }
        List<String> notes = new ArrayList<>();
        Map<String, Object> json = JsonWriter.toMap(state, Stackwalker.Budgets.DEFAULT.maxJsonBytes(), notes);
        String text = Json.write(json, false);
        long frames = state.threads().stream().mapToLong(t -> t.frames().size()).sum();
        System.out.println("threads=" + state.threads().size() + " frames=" + frames + " partial=" + state.partial()
                + " json_bytes=" + text.length() + " budget_notes=" + state.budgetNotes().size());
    }
}
