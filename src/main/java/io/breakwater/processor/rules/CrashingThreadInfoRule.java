package io.breakwater.processor.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.processor.ProcessingContext;
import io.breakwater.processor.Rule;

/** {@code crashing_thread}, {@code crashing_thread_name}, {@code reason} and {@code address} from the walk. */
public final class CrashingThreadInfoRule implements Rule {

    @Override
    public boolean predicate(ProcessingContext ctx) {
        return ctx.jsonDump().isObject();
    }

    @Override
    public void action(ProcessingContext ctx) {
        ObjectNode out = ctx.processed();
        JsonNode dump = ctx.jsonDump();
        JsonNode info = dump.path("crash_info");

        JsonNode crashing = info.path("crashing_thread");
        if (crashing.canConvertToInt()) {
            out.put("crashing_thread", crashing.asInt());
        } else {
            out.putNull("crashing_thread");
            ctx.note("stackwalk did not identify the crashing thread");
        }

        String name = text(dump.path("crashing_thread").path("thread_name"));
        if (name == null && crashing.canConvertToInt()) {
            name = text(dump.path("threads").path(crashing.asInt()).path("thread_name"));
        }
        if (name == null) out.putNull("crashing_thread_name"); else out.put("crashing_thread_name", name);

        out.put("reason", info.path("type").asText(""));
        String address = text(info.path("address"));
        JsonNode adjusted = info.path("adjusted_address");
        if (adjusted.isObject()) {
            // A null-pointer access reported at a small offset is still a null dereference; a non-canonical
            // address is reported as the address the program actually used.
            String kind = adjusted.path("kind").asText("");
            if (kind.equals("null-pointer")) {
                address = address != null && address.length() == 18 ? "0x0000000000000000" : "0x00000000";
            } else if (kind.equals("non-canonical") && text(adjusted.path("address")) != null) {
                address = text(adjusted.path("address"));
            }
        }
        if (address == null) out.putNull("address"); else out.put("address", address);
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() && !node.asText().isEmpty() ? node.asText() : null;
    }
}
