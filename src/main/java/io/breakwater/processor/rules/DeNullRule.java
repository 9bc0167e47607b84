package io.breakwater.processor.rules;

import io.breakwater.processor.ProcessingContext;
import io.breakwater.processor.Rule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Removes NUL characters from annotation names and values (nested ones too): they break storage and search. */
public final class DeNullRule implements Rule {

    @Override
    public void action(ProcessingContext ctx) {
        boolean[] changed = {false};
        Map<String, Object> cleaned = clean(ctx.rawCrash(), changed);
        if (changed[0]) {
            ctx.rawCrash().clear();
            ctx.rawCrash().putAll(cleaned);
            ctx.note("sanitised: removed NUL characters from the raw crash");
        }
    }

    private static Map<String, Object> clean(Map<?, ?> map, boolean[] changed) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = strip(String.valueOf(e.getKey()), changed);
            out.put(key, cleanValue(e.getValue(), changed));
        }
        if (out.size() != map.size()) changed[0] = true; // two keys collapsed into one
        return out;
    }

    private static Object cleanValue(Object value, boolean[] changed) {
        if (value instanceof String s) return strip(s, changed);
        if (value instanceof Map<?, ?> m) return clean(m, changed);
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) out.add(cleanValue(item, changed));
            return out;
        }
        return value;
    }

    private static String strip(String s, boolean[] changed) {
        if (s.indexOf('\0') < 0) return s;
        changed[0] = true;
        return s.replace("\0", "");
    }
}
