package io.breakwater.processor;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/** The signature generator as the processor sees it: raw crash and processed crash in, signature out. */
public interface SignatureComputer {

    Result compute(Map<String, Object> rawCrash, JsonNode processedCrash);

    /**
     * @param notes processor notes worth keeping (public)
     * @param debug how each decision was made, one line each ({@code signature_debug})
     */
    record Result(String signature, String protoSignature, List<String> notes, List<String> debug) {
        public Result {
            notes = notes == null ? List.of() : List.copyOf(notes);
            debug = debug == null ? List.of() : List.copyOf(debug);
        }
    }
}
