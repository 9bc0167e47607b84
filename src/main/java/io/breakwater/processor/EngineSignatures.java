package io.breakwater.processor;

import com.fasterxml.jackson.databind.JsonNode;
import io.breakwater.signature.CrashData;
import io.breakwater.signature.CrashDataJson;
import io.breakwater.signature.SignatureGenerator;
import io.breakwater.signature.SignatureResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The signature engine behind {@link SignatureComputer}: the crash data is the walked stack plus the
 * annotations (as text) and the processed fields the post-rules read.
 */
public final class EngineSignatures implements SignatureComputer {

    private final SignatureGenerator generator;

    public EngineSignatures(SignatureGenerator generator) {
        this.generator = generator;
    }

    @Override
    public Result compute(Map<String, Object> rawCrash, JsonNode processedCrash) {
        Map<String, String> annotations = new LinkedHashMap<>();
        rawCrash.forEach((key, value) -> {
            if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                annotations.put(key, value.toString());
            }
        });
        List<String> additional = new java.util.ArrayList<>();
        processedCrash.path("additional_minidumps").forEach(name -> additional.add(name.asText()));
        if (!additional.isEmpty()) annotations.put("additional_minidumps", String.join(",", additional));
        JsonNode reason = processedCrash.get("reason");
        if (reason != null && reason.isTextual() && !reason.asText().isEmpty()) annotations.put("reason", reason.asText());

        CrashData crash = CrashDataJson.fromJsonDump(processedCrash.get("json_dump"), annotations);
        SignatureResult result = generator.generate(crash);
        return new Result(result.signature(), result.protoSignature(), result.notes(), result.debugLog());
    }
}
