package io.breakwater.signature;

import java.util.List;
import java.util.Map;

/**
 * Outcome of signature generation.
 *
 * @param signature        the crash signature (at most 255 characters)
 * @param notes            notes worth showing with the crash (Socorro's {@code notes})
 * @param debugLog         every decision taken, one line each ({@code signature_debug})
 * @param protoSignature   all normalized frames considered, joined with {@code " | "}; null for Java crashes
 * @param normalizedFrames the normalized frames (empty for Java crashes)
 * @param extra            Socorro's {@code extra} map ({@code proto_signature}, {@code normalized_frames})
 */
public record SignatureResult(String signature, List<String> notes, List<String> debugLog,
                              String protoSignature, List<String> normalizedFrames, Map<String, Object> extra) {

    public SignatureResult {
        notes = List.copyOf(notes);
        debugLog = List.copyOf(debugLog);
        normalizedFrames = normalizedFrames == null ? List.of() : List.copyOf(normalizedFrames);
        extra = Map.copyOf(extra);
    }
}
