package io.breakwater.processor;

import com.fasterxml.jackson.databind.JsonNode;
import io.breakwater.minidump.Minidump;
import io.breakwater.stackwalk.ProcessState;
import io.breakwater.stackwalk.Stackwalker;
import io.breakwater.stackwalk.output.JsonWriter;
import io.breakwater.symbols.SymbolSupplier;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The in-process stack walker: minidump → walked, symbolicated threads → rust-minidump-style JSON. The walk
 * runs under per-dump budgets and stops when its thread is interrupted (the processor's timeout).
 */
public final class EngineDumpWalker implements DumpWalker {

    private final Stackwalker walker;
    private final String version;

    public EngineDumpWalker(SymbolSupplier symbols) {
        this(symbols, Stackwalker.Budgets.DEFAULT);
    }

    public EngineDumpWalker(SymbolSupplier symbols, Stackwalker.Budgets budgets) {
        this.walker = new Stackwalker(symbols, Stackwalker.Options.DEFAULT, budgets);
        String implementation = Stackwalker.class.getPackage().getImplementationVersion();
        this.version = "breakwater-stackwalk " + (implementation == null ? "dev" : implementation);
    }

    /** The budgets from configuration; the time limit backs up the interrupt the timeout sends. */
    static Stackwalker.Budgets budgets(ProcessorConfig config) {
        ProcessorConfig.Walk w = config.walk();
        Duration limit = config.timeout();
        return new Stackwalker.Budgets(w.maxFrames(), w.maxScanWords(), w.maxCfiEvaluations(), w.maxOtherThreads(),
                w.maxJsonBytes(), limit, Stackwalker.Budgets.ON_INTERRUPT);
    }

    @Override
    public JsonNode walk(Path dump) throws Exception {
        return walkWithNotes(dump).json();
    }

    @Override
    public Walk walkWithNotes(Path dump) throws Exception {
        try (Minidump minidump = Minidump.open(dump)) {
            ProcessState state = walker.process(minidump);
            // Only the budget notes: the walker's other notes describe the dump, not this crash's processing.
            List<String> notes = new ArrayList<>(state.budgetNotes());
            JsonNode json = JsonWriter.build(state, walker.budgets().maxJsonBytes(), notes, TreeJsonBuilder.INSTANCE);
            return new Walk(json, List.copyOf(notes));
        }
    }

    @Override
    public String version() {
        return version;
    }
}
