package io.breakwater.processor.rules;

import io.breakwater.processor.ProcessingContext;
import io.breakwater.processor.Rule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces unpaired UTF-16 surrogates (JSON escapes of invalid UTF-8, which cannot be stored or indexed as
 * text) with U+FFFD. Invalid UTF-8 bytes themselves are replaced when the raw crash is decoded.
 */
public final class BadUnicodeRule implements Rule {

    @Override
    public void action(ProcessingContext ctx) {
        boolean[] changed = {false};
        Map<String, Object> cleaned = clean(ctx.rawCrash(), changed);
        if (changed[0]) {
            ctx.rawCrash().clear();
            ctx.rawCrash().putAll(cleaned);
            ctx.note("sanitised: replaced invalid Unicode in the raw crash");
        }
    }

    private static Map<String, Object> clean(Map<?, ?> map, boolean[] changed) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            out.put(fix(String.valueOf(e.getKey()), changed), cleanValue(e.getValue(), changed));
        }
        return out;
    }

    private static Object cleanValue(Object value, boolean[] changed) {
        if (value instanceof String s) return fix(s, changed);
        if (value instanceof Map<?, ?> m) return clean(m, changed);
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) out.add(cleanValue(item, changed));
            return out;
        }
        return value;
    }

    /** Returns {@code s} with every unpaired surrogate replaced. */
    static String fix(String s, boolean[] changed) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad;
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    if (out != null) out.append(c).append(s.charAt(i + 1));
                    i++;
                    continue;
                }
                bad = true;
            } else {
                bad = Character.isLowSurrogate(c);
            }
            if (bad && out == null) {
                out = new StringBuilder(s.length());
                out.append(s, 0, i);
            }
            if (out != null) out.append(bad ? '\uFFFD' : c);
        }
        if (out == null) return s;
        changed[0] = true;
        return out.toString();
    }
}
