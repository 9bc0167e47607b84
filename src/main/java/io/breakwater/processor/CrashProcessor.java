package io.breakwater.processor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Runs a rule set over one crash and does the bookkeeping every processed crash carries:
 * {@code started_datetime}, {@code completed_datetime}, {@code success}, {@code processor_notes} (this run) and
 * {@code processor_history} (earlier runs, newest first). No I/O: the caller loads and stores.
 */
public final class CrashProcessor {

    private static final Logger LOG = Logger.getLogger(CrashProcessor.class);

    /** Earlier runs kept in {@code processor_history}; older ones are dropped so the document stays bounded. */
    static final int MAX_HISTORY = 20;

    /** Set before any rule runs; a crash whose signature rule never ran says so. */
    public static final String EMPTY_SIGNATURE = "EMPTY: crash failed to process";

    private final Map<String, RuleSet> ruleSets;
    private final Clock clock;

    public CrashProcessor(Map<String, RuleSet> ruleSets, Clock clock) {
        this.ruleSets = Map.copyOf(ruleSets);
        this.clock = clock;
    }

    /** One crash to process. {@code previous} is the stored processed crash, or null for a new crash. */
    public record Input(String crashId, String ruleset, Map<String, Object> rawCrash, Map<String, Path> dumps,
                        JsonNode previous) {}

    /**
     * The rule set that will actually run: unknown names and {@code regenerate_signature} without a usable
     * earlier processed crash fall back to {@code default} (which needs the dumps).
     */
    public String effectiveRuleset(String requested, JsonNode previous) {
        String name = requested == null || requested.isBlank() ? RuleSets.DEFAULT : requested;
        if (!ruleSets.containsKey(name)) return RuleSets.DEFAULT;
        if (name.equals(RuleSets.REGENERATE_SIGNATURE) && !hasStackWalk(previous)) return RuleSets.DEFAULT;
        return name;
    }

    public boolean needsDumps(String requested, JsonNode previous) {
        return effectiveRuleset(requested, previous).equals(RuleSets.DEFAULT);
    }

    /** The processed crash, and the raw crash as the sanitising rules left it (what search indexes). */
    public record Output(ObjectNode processed, Map<String, Object> rawCrash) {}

    public ObjectNode process(Input input) throws InterruptedException {
        return run(input).processed();
    }

    public Output run(Input input) throws InterruptedException {
        Instant started = clock.instant();
        String name = effectiveRuleset(input.ruleset(), input.previous());
        RuleSet ruleSet = ruleSets.get(name);

        ObjectNode processed = name.equals(RuleSets.DEFAULT)
                ? JsonNodeFactory.instance.objectNode()
                : ((ObjectNode) input.previous()).deepCopy();
        for (String field : List.of("started_datetime", "completed_datetime", "success", "processor_notes",
                "processor_history")) {
            processed.remove(field);
        }
        if (name.equals(RuleSets.DEFAULT)) processed.put("signature", EMPTY_SIGNATURE);

        ProcessingContext ctx = new ProcessingContext(input.crashId(), name, input.rawCrash(), input.dumps(),
                processed, started);
        if (input.ruleset() != null && !input.ruleset().isBlank() && !input.ruleset().equals(name)) {
            ctx.note("rule set " + input.ruleset() + " not applicable; ran " + name);
        }
        for (Rule rule : ruleSet.rules()) {
            if (Thread.interrupted()) throw new InterruptedException("processing of " + input.crashId() + " interrupted");
            try {
                if (rule.predicate(ctx)) rule.action(ctx);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception | StackOverflowError e) {
                // Notes are public: the exception class only; details go to the log.
                LOG.warnf(e, "crash %s: rule %s failed", input.crashId(), rule.name());
                ctx.note("rule " + rule.name() + " failed: " + e.getClass().getSimpleName());
            }
        }
        return new Output(finish(processed, ctx, input.previous(), started), ctx.rawCrash());
    }

    private ObjectNode finish(ObjectNode processed, ProcessingContext ctx, JsonNode previous, Instant started) {
        processed.put("started_datetime", ProcessorDates.format(started));
        processed.put("completed_datetime", ProcessorDates.format(clock.instant()));
        processed.put("success", !ctx.failed());
        processed.put("processor_notes", String.join("\n", ctx.notes()));
        processed.set("processor_history", history(previous));
        return processed;
    }

    /** Earlier runs, newest first: the previous run's own summary followed by its history. */
    static ArrayNode history(JsonNode previous) {
        ArrayNode history = JsonNodeFactory.instance.arrayNode();
        if (previous == null || !previous.isObject()) return history;
        if (previous.has("started_datetime") || previous.has("processor_notes")) {
            ObjectNode last = history.addObject();
            for (String field : List.of("started_datetime", "completed_datetime", "success", "processor_notes",
                    "signature")) {
                if (previous.has(field)) last.set(field, previous.get(field));
            }
        }
        for (JsonNode older : previous.path("processor_history")) {
            if (history.size() >= MAX_HISTORY) break;
            history.add(older.isObject() ? older : JsonNodeFactory.instance.objectNode().put("processor_notes", older.asText()));
        }
        return history;
    }

    private static boolean hasStackWalk(JsonNode previous) {
        return previous != null && previous.isObject() && previous.has("json_dump");
    }

    /** Rule sets by name, for listing. */
    public Map<String, RuleSet> ruleSets() {
        return ruleSets;
    }
}
