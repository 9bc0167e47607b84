package io.breakwater.processor.rules;

import io.breakwater.processor.ProcessingContext;
import io.breakwater.processor.Rule;

/** {@code uuid} and {@code crash_id}: the raw crash's uuid, else the id the crash was queued under. */
public final class IdentifierRule implements Rule {

    @Override
    public void action(ProcessingContext ctx) {
        String id = ctx.annotation("uuid");
        if (id == null || id.isBlank()) {
            id = ctx.crashId();
            ctx.note("raw crash has no uuid; using the queued crash id");
        } else if (ctx.crashId() != null && !ctx.crashId().equals(id)) {
            ctx.note("raw crash uuid differs from the queued crash id; using the queued crash id");
            id = ctx.crashId();
        }
        if (id == null) return;
        ctx.processed().put("uuid", id);
        ctx.processed().put("crash_id", id);
    }
}
