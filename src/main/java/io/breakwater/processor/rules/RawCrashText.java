package io.breakwater.processor.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Rewrites every annotation name and string value of a raw crash, nested maps and lists included. */
final class RawCrashText {

    private RawCrashText() {}

    /**
     * Applies {@code fix} to every key and string; returns the rewritten copy, or null when nothing changed
     * (also counting two keys that collapsed into one).
     */
    static Map<String, Object> rewrite(Map<?, ?> map, UnaryOperator<String> fix) {
        boolean[] changed = {false};
        Map<String, Object> out = rewriteMap(map, fix, changed);
        return changed[0] ? out : null;
    }

    private static Map<String, Object> rewriteMap(Map<?, ?> map, UnaryOperator<String> fix, boolean[] changed) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            out.put(rewriteString(String.valueOf(e.getKey()), fix, changed), rewriteValue(e.getValue(), fix, changed));
        }
        if (out.size() != map.size()) changed[0] = true;
        return out;
    }

    private static Object rewriteValue(Object value, UnaryOperator<String> fix, boolean[] changed) {
        if (value instanceof String s) return rewriteString(s, fix, changed);
        if (value instanceof Map<?, ?> m) return rewriteMap(m, fix, changed);
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) out.add(rewriteValue(item, fix, changed));
            return out;
        }
        return value;
    }

    private static String rewriteString(String s, UnaryOperator<String> fix, boolean[] changed) {
        String fixed = fix.apply(s);
        if (!fixed.equals(s)) changed[0] = true;
        return fixed;
    }
}
