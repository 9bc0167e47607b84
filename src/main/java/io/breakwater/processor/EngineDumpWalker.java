package io.breakwater.processor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.minidump.Minidump;
import io.breakwater.stackwalk.ProcessState;
import io.breakwater.stackwalk.Stackwalker;
import io.breakwater.stackwalk.output.JsonWriter;
import io.breakwater.symbols.SymbolSupplier;

import java.nio.file.Path;

/** The in-process stack walker: minidump → walked, symbolicated threads → rust-minidump-style JSON. */
public final class EngineDumpWalker implements DumpWalker {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Stackwalker walker;
    private final String version;

    public EngineDumpWalker(SymbolSupplier symbols) {
        this.walker = new Stackwalker(symbols);
        String implementation = Stackwalker.class.getPackage().getImplementationVersion();
        this.version = "breakwater-stackwalk " + (implementation == null ? "dev" : implementation);
    }

    @Override
    public JsonNode walk(Path dump) throws Exception {
        try (Minidump minidump = Minidump.open(dump)) {
            ProcessState state = walker.process(minidump);
            return MAPPER.valueToTree(JsonWriter.toMap(state));
        }
    }

    @Override
    public String version() {
        return version;
    }
}
