package io.breakwater.processor.rules;

import io.breakwater.processor.ProcessingContext;
import io.breakwater.processor.Rule;

import java.util.Map;

/**
 * Replaces unpaired UTF-16 surrogates (JSON escapes of invalid UTF-8, which cannot be stored or indexed as
 * text) with U+FFFD. Invalid UTF-8 bytes themselves are replaced when the raw crash is decoded.
 */
public final class BadUnicodeRule implements Rule {

    @Override
    public void action(ProcessingContext ctx) {
        Map<String, Object> cleaned = RawCrashText.rewrite(ctx.rawCrash(), BadUnicodeRule::fix);
        if (cleaned != null) {
            ctx.rawCrash().clear();
            ctx.rawCrash().putAll(cleaned);
            ctx.note("sanitised: replaced invalid Unicode in the raw crash");
        }
    }

    /** Returns {@code s} with every unpaired surrogate replaced. */
    static String fix(String s) {
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
        return out == null ? s : out.toString();
    }
}
