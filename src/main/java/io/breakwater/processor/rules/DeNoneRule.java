package io.breakwater.processor.rules;

import io.breakwater.processor.ProcessingContext;
import io.breakwater.processor.Rule;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Drops annotations (and nested entries) whose value is null: a reporter bug, never meaningful data. */
public final class DeNoneRule implements Rule {

    @Override
    public void action(ProcessingContext ctx) {
        if (removeNulls(ctx.rawCrash())) {
            ctx.note("sanitised: removed null values from the raw crash");
        }
    }

    private static boolean removeNulls(Map<?, ?> map) {
        boolean changed = false;
        for (Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<?, ?> e = it.next();
            Object value = e.getValue();
            if (value == null) {
                it.remove();
                changed = true;
            } else {
                changed |= removeNested(value);
            }
        }
        return changed;
    }

    private static boolean removeNested(Object value) {
        if (value instanceof Map<?, ?> m) return removeNulls(m);
        if (value instanceof List<?> list) {
            boolean changed = list.removeIf(item -> item == null);
            for (Object item : list) changed |= removeNested(item);
            return changed;
        }
        return false;
    }
}
