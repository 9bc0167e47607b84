package io.breakwater.processor.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.processor.ProcessingContext;
import io.breakwater.processor.ProcessorDates;
import io.breakwater.processor.Rule;

import java.time.Instant;

/**
 * {@code submitted_timestamp}, {@code date_processed} (the submission time, so reprocessing never moves a
 * crash to another day), {@code crash_time}, {@code uptime}, {@code install_age}, {@code last_crash}. Client
 * clocks are not trusted blindly: implausible values are noted and dropped or clamped.
 */
public final class DatesAndTimesRule implements Rule {

    @Override
    public void action(ProcessingContext ctx) {
        ObjectNode out = ctx.processed();

        Instant submitted = ProcessorDates.parse(ctx.annotation("submitted_timestamp"));
        if (submitted == null) {
            ctx.note("raw crash has no valid submitted_timestamp; using the processing time");
            submitted = ctx.startedAt();
        }
        out.put("submitted_timestamp", ProcessorDates.format(submitted));
        out.put("date_processed", ProcessorDates.format(submitted));
        long submittedEpoch = submitted.getEpochSecond();

        Long crashTime = integer(ctx, "CrashTime");
        if (crashTime == null) {
            crashTime = submittedEpoch;
            ctx.note("client crash time is unknown; using the submission time");
        } else if (crashTime <= 0 || crashTime > submittedEpoch + 86_400) {
            ctx.note("CrashTime " + crashTime + " is implausible; using the submission time");
            crashTime = submittedEpoch;
        }
        out.put("crash_time", crashTime);

        Long uptime = uptime(ctx, crashTime);
        if (uptime != null) {
            if (uptime < 0) {
                ctx.note("uptime is negative (" + uptime + " s); set to 0");
                uptime = 0L;
            }
            out.put("uptime", uptime);
        }

        Long installTime = integer(ctx, "InstallTime");
        if (installTime != null) {
            long installAge = crashTime - installTime;
            if (installAge < 0) {
                ctx.note("InstallTime is after the crash; install_age not set");
            } else {
                out.put("install_age", installAge);
            }
        }

        if (ctx.rawCrash().containsKey("SecondsSinceLastCrash")) {
            Long lastCrash = integer(ctx, "SecondsSinceLastCrash");
            if (lastCrash != null && lastCrash >= 0) {
                out.put("last_crash", lastCrash);
            } else if (lastCrash != null) {
                ctx.note("SecondsSinceLastCrash is negative; last_crash not set");
            }
        }
    }

    /** Seconds the process ran: crash time minus StartupTime, else Breakpad's {@code ptime} (milliseconds). */
    private static Long uptime(ProcessingContext ctx, long crashTime) {
        Long startup = integer(ctx, "StartupTime");
        if (startup != null) return crashTime - startup;
        if (ctx.rawCrash().containsKey("ptime")) {
            Long millis = integer(ctx, "ptime");
            if (millis != null) return millis / 1000;
        }
        return null;
    }

    /** The annotation as a whole number; notes and returns null when present but not an integer. */
    private static Long integer(ProcessingContext ctx, String key) {
        if (!ctx.rawCrash().containsKey(key)) return null;
        String text = ctx.annotation(key);
        if (text != null) {
            String s = text.strip();
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                try {
                    double d = Double.parseDouble(s); // some reporters send seconds with a fraction
                    if (Double.isFinite(d) && Math.abs(d) < 9.2e18) return (long) d;
                } catch (NumberFormatException ignored) {
                    // noted below
                }
            }
        }
        ctx.note("non-integer value of \"" + key + "\"");
        return null;
    }
}
