package io.breakwater.processor.rules;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.breakwater.processor.ProcessingContext;
import io.breakwater.processor.Rule;

import java.util.TreeSet;
import java.util.regex.Pattern;

/** {@code crash_report_keys}: sorted annotation and dump names, keeping only sane names (for searching by key). */
public final class CrashReportKeysRule implements Rule {

    private static final Pattern VALID_KEY = Pattern.compile("[A-Za-z0-9_-]+");
    private static final int MAX_KEY_LENGTH = 100;

    @Override
    public void action(ProcessingContext ctx) {
        TreeSet<String> keys = new TreeSet<>();
        boolean invalid = false;
        for (String key : concat(ctx)) {
            if (VALID_KEY.matcher(key).matches()) {
                keys.add(key.length() > MAX_KEY_LENGTH ? key.substring(0, MAX_KEY_LENGTH) : key);
            } else {
                invalid = true;
            }
        }
        ArrayNode array = ctx.processed().putArray("crash_report_keys");
        keys.forEach(array::add);
        if (invalid) ctx.note("invalidkeys: crash report contains invalid keys");
    }

    private static Iterable<String> concat(ProcessingContext ctx) {
        TreeSet<String> all = new TreeSet<>(ctx.rawCrash().keySet());
        all.addAll(ctx.dumps().keySet());
        return all;
    }
}
