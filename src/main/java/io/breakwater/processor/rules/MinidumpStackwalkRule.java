package io.breakwater.processor.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.processor.DumpWalker;
import io.breakwater.processor.ProcessingContext;
import io.breakwater.processor.Rule;
import io.breakwater.stackwalk.WalkCancelledException;

import java.nio.file.Path;
import java.util.Map;

/**
 * Walks the stacks of the main dump into {@code json_dump}; every other minidump (names starting with
 * {@code upload_file_minidump}) is walked into {@code <dump name>.json_dump} and listed in
 * {@code additional_minidumps}. Other attachments (memory reports, ...) are not minidumps and are skipped.
 * An unreadable main dump makes the crash unsuccessful; it is still stored with what is known. A walk cut short
 * by a budget is kept and noted ({@code stackwalk of ... is partial: ...}); a cancelled walk stops the crash.
 */
public final class MinidumpStackwalkRule implements Rule {

    private static final int MAX_MESSAGE = 300;

    private final DumpWalker walker;

    public MinidumpStackwalkRule(DumpWalker walker) {
        this.walker = walker;
    }

    @Override
    public void action(ProcessingContext ctx) throws InterruptedException {
        ObjectNode processed = ctx.processed();
        ArrayNode additional = processed.putArray("additional_minidumps");
        processed.put("stackwalk_version", walker.version());
        if (!ctx.dumps().containsKey(ProcessingContext.MAIN_DUMP)) {
            ctx.note("crash report has no minidump (" + ProcessingContext.MAIN_DUMP + ")");
        }
        for (Map.Entry<String, Path> dump : ctx.dumps().entrySet()) {
            String name = dump.getKey();
            if (!name.startsWith(ProcessingContext.MAIN_DUMP)) continue;
            boolean main = name.equals(ProcessingContext.MAIN_DUMP);
            JsonNode json = walk(ctx, name, dump.getValue(), main);
            if (main) {
                processed.set("json_dump", json);
            } else {
                additional.add(name);
                processed.putObject(name).set("json_dump", json);
            }
        }
    }

    private JsonNode walk(ProcessingContext ctx, String name, Path file, boolean main) throws InterruptedException {
        JsonNode json;
        try {
            DumpWalker.Walk walk = walker.walkWithNotes(file);
            json = walk.json();
            // A budget that ran out leaves a partial but usable walk: the crash succeeds, marked as partial.
            for (String note : walk.notes()) ctx.note("stackwalk of " + name + " is partial: " + note);
        } catch (InterruptedException e) {
            throw e;
        } catch (WalkCancelledException e) {
            // Timed out or stopped: not a result of the dump; the worker parks the crash.
            InterruptedException stop = new InterruptedException(e.getMessage());
            stop.initCause(e);
            throw stop;
        } catch (Exception | StackOverflowError e) {
            String why = "stackwalk of " + name + " failed: " + describe(e);
            if (main) ctx.fail(why); else ctx.note(why);
            return ctx.processed().objectNode();
        }
        if (json == null || !json.isObject()) {
            String why = "stackwalk of " + name + " produced no output";
            if (main) ctx.fail(why); else ctx.note(why);
            return ctx.processed().objectNode();
        }
        String status = json.path("status").asText("OK");
        if (!"OK".equals(status)) {
            String why = "stackwalk of " + name + " status: " + status;
            if (main) ctx.fail(why); else ctx.note(why);
        }
        return json;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        String text = message == null || message.isBlank() ? e.getClass().getSimpleName() : message.strip();
        return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "…" : text;
    }
}
