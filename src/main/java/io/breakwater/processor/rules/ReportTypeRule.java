package io.breakwater.processor.rules;

import io.breakwater.processor.ProcessingContext;
import io.breakwater.processor.Rule;

import java.util.Locale;
import java.util.Set;

/**
 * {@code report_type}: {@code hang} when the reporter says the process was hung rather than crashed (a
 * {@code Hang} flag, an IPC channel error or a shutdown timeout annotation), otherwise {@code crash}.
 */
public final class ReportTypeRule implements Rule {

    private static final Set<String> FALSE = Set.of("", "0", "false", "no");

    @Override
    public void action(ProcessingContext ctx) {
        ctx.processed().put("report_type", isHang(ctx) ? "hang" : "crash");
    }

    private static boolean isHang(ProcessingContext ctx) {
        String hang = ctx.annotation("Hang");
        if (hang != null && !FALSE.contains(hang.strip().toLowerCase(Locale.ROOT))) return true;
        return present(ctx, "ipc_channel_error") || present(ctx, "AsyncShutdownTimeout");
    }

    private static boolean present(ProcessingContext ctx, String key) {
        String value = ctx.annotation(key);
        return value != null && !value.isBlank();
    }
}
