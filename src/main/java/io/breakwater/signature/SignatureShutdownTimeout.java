package io.breakwater.signature;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * Replaces the signature of an async-shutdown-timeout crash with
 * {@code AsyncShutdownTimeout | <phase> | <sorted blocker names>} from the annotation's JSON
 * ({@code {"phase": …, "conditions": [{"name": …} | "name", …]}}).
 */
public final class SignatureShutdownTimeout implements SignatureRule {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public boolean predicate(CrashData crash, SignatureState state) {
        return crash.asyncShutdownTimeout() != null;
    }

    @Override
    public void action(CrashData crash, SignatureState state) {
        List<String> parts = new ArrayList<>();
        parts.add("AsyncShutdownTimeout");
        try {
            JsonNode data = JSON.readTree(crash.asyncShutdownTimeout());
            if (data == null || !data.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            JsonNode phase = data.get("phase");
            parts.add(phase != null && phase.isTextual() ? phase.asText() : "(unknown)");
            List<String> conditions = new ArrayList<>();
            JsonNode list = data.get("conditions");
            if (list != null && list.isArray()) {
                for (JsonNode condition : list) {
                    if (condition.isObject()) {
                        JsonNode conditionName = condition.get("name");
                        if (conditionName == null) {
                            throw new IllegalArgumentException("condition without 'name'");
                        }
                        conditions.add(conditionName.asText());
                    } else {
                        conditions.add(condition.asText());
                    }
                }
            }
            if (conditions.isEmpty()) {
                parts.add("(none)");
            } else {
                conditions.sort(null);
                parts.add(String.join(",", conditions));
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            parts.add("UNKNOWN");
            String reason = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            state.info(name(), "Error parsing AsyncShutdownTimeout: " + reason);
        }
        state.info(name(), "Signature replaced with a Shutdown Timeout signature, was: \"" + state.signature() + "\"");
        state.setSignature(name(), String.join(" | ", parts));
    }
}
