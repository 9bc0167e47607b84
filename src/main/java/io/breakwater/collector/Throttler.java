package io.breakwater.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Ordered throttle rules, first match wins. Rules come from a JSON file:
 * <pre>{@code
 * {
 *   "default": "ACCEPT",                       // when no rule matches (default ACCEPT)
 *   "rules": [
 *     {"name": "old_builds", "when": [{"annotation": "BuildID", "buildAgeDays": "> 730"}], "action": "REJECT"},
 *     {"name": "nightly", "when": [{"annotation": "ReleaseChannel", "equals": ["nightly", "aurora"]}],
 *      "action": "ACCEPT"},
 *     {"name": "old_versions", "when": [{"annotation": "Version", "version": "< 100.0"}], "action": "DEFER"},
 *     {"name": "test_product", "when": [{"annotation": "ProductName", "matches": "^Test"}], "action": "FAKEACCEPT"},
 *     {"name": "no_product", "when": [{"annotation": "ProductName", "exists": false}], "action": "REJECT"},
 *     {"name": "release_sample", "when": [{"annotation": "ReleaseChannel", "equals": "release"}],
 *      "action": "ACCEPT", "percentage": 10, "otherwise": "REJECT"}
 *   ]
 * }
 * }</pre>
 * A rule matches when all its {@code when} conditions hold (no conditions: always). Each condition names
 * an annotation and exactly one test: {@code equals} (string or list), {@code matches} (regex, searched
 * anywhere; anchor with ^ and $), {@code exists} (boolean), {@code version} ({@code <, <=, >, >=, ==, !=}
 * on dotted versions, see {@link Versions}), {@code buildAgeDays} (same operators on the age in days of
 * a {@code yyyymmdd…} build id). {@code "not": true} inverts a condition. A missing annotation fails
 * every test except {@code exists: false}. With {@code percentage}, the action applies to that share of
 * matching crashes; the rest get {@code otherwise} (an action, or CONTINUE = try the next rules, the
 * default). Rule names are {@code [A-Za-z0-9_]} (they appear in {@code Discarded=rule_<name>}).
 */
public final class Throttler {

    /** Rule name reported when there is no rules file. */
    public static final String ACCEPT_EVERYTHING = "accept_everything";
    /** Rule name reported when rules exist but none matched. */
    public static final String DEFAULT_RULE = "default";

    private static final Pattern RULE_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");
    private static final Pattern COMPARISON = Pattern.compile("\\s*(<=|>=|==|!=|<|>)\\s*(\\S.*?)\\s*");
    private static final Set<String> CONDITION_TESTS = Set.of("equals", "matches", "exists", "version", "buildAgeDays");
    private static final Set<String> CONDITION_KEYS = Set.of("annotation", "not", "equals", "matches", "exists",
            "version", "buildAgeDays");
    private static final Set<String> RULE_KEYS = Set.of("name", "when", "action", "percentage", "otherwise");
    private static final DateTimeFormatter BUILD_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private record Rule(String name, List<Predicate<Map<String, String>>> conditions, ThrottleAction action,
                        Double percentage, ThrottleAction otherwise) {
    }

    private final List<Rule> rules;
    private final ThrottleDecision fallback;
    private final DoubleSupplier random;
    private final Clock clock;

    private Throttler(List<Rule> rules, ThrottleDecision fallback, DoubleSupplier random, Clock clock) {
        this.rules = rules;
        this.fallback = fallback;
        this.random = random;
        this.clock = clock;
    }

    /** No rules: everything is accepted. */
    public static Throttler acceptAll() {
        return new Throttler(List.of(), new ThrottleDecision(ThrottleAction.ACCEPT, ACCEPT_EVERYTHING),
                () -> ThreadLocalRandom.current().nextDouble(), Clock.systemUTC());
    }

    public static Throttler fromFile(Path file) {
        String json;
        try {
            json = Files.readString(file);
        } catch (IOException e) {
            throw new ThrottleRulesException("cannot read throttle rules " + file + ": " + e.getMessage(), e);
        }
        try {
            return fromJson(json, () -> ThreadLocalRandom.current().nextDouble(), Clock.systemUTC());
        } catch (ThrottleRulesException e) {
            throw new ThrottleRulesException("throttle rules " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code random} returns values in [0, 1) for percentage sampling; {@code clock} dates build ages. */
    public static Throttler fromJson(String json, DoubleSupplier random, Clock clock) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ThrottleRulesException("not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ThrottleRulesException("top level must be an object with \"rules\"");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("rules") && !key.equals("default")) {
                throw new ThrottleRulesException("unknown top-level key \"" + key + "\"");
            }
        }
        ThrottleAction defaultAction = root.has("default") ? action(root.get("default"), "default") : ThrottleAction.ACCEPT;
        JsonNode rulesNode = root.path("rules");
        if (!rulesNode.isArray()) {
            throw new ThrottleRulesException("\"rules\" must be an array");
        }
        List<Rule> rules = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        Throttler shell = new Throttler(List.of(), null, random, clock);
        for (int i = 0; i < rulesNode.size(); i++) {
            Rule rule = shell.parseRule(rulesNode.get(i), i);
            if (!names.add(rule.name())) {
                throw new ThrottleRulesException("rule name \"" + rule.name() + "\" used twice");
            }
            rules.add(rule);
        }
        return new Throttler(List.copyOf(rules), new ThrottleDecision(defaultAction, DEFAULT_RULE), random, clock);
    }

    public int ruleCount() {
        return rules.size();
    }

    /** Decides what to do with a crash report given its annotations. */
    public ThrottleDecision throttle(Map<String, String> annotations) {
        for (Rule rule : rules) {
            if (!rule.conditions().stream().allMatch(c -> c.test(annotations))) {
                continue;
            }
            if (rule.percentage() == null || random.getAsDouble() * 100.0 < rule.percentage()) {
                return new ThrottleDecision(rule.action(), rule.name());
            }
            if (rule.otherwise() != null) {
                return new ThrottleDecision(rule.otherwise(), rule.name());
            }
        }
        return fallback;
    }

    private Rule parseRule(JsonNode node, int index) {
        String where = "rule #" + (index + 1);
        if (!node.isObject()) {
            throw new ThrottleRulesException(where + " must be an object");
        }
        checkKeys(node, RULE_KEYS, where);
        String name = node.path("name").asText("");
        if (!RULE_NAME.matcher(name).matches()) {
            throw new ThrottleRulesException(where + ": \"name\" must be 1-64 characters of [A-Za-z0-9_]");
        }
        where = "rule \"" + name + "\"";
        if (!node.has("action")) {
            throw new ThrottleRulesException(where + ": \"action\" is required");
        }
        ThrottleAction action = action(node.get("action"), where);
        Double percentage = null;
        ThrottleAction otherwise = null;
        if (node.has("percentage")) {
            JsonNode p = node.get("percentage");
            if (!p.isNumber() || p.asDouble() < 0 || p.asDouble() > 100) {
                throw new ThrottleRulesException(where + ": \"percentage\" must be a number from 0 to 100");
            }
            percentage = p.asDouble();
        }
        if (node.has("otherwise")) {
            if (percentage == null) {
                throw new ThrottleRulesException(where + ": \"otherwise\" needs \"percentage\"");
            }
            String text = node.get("otherwise").asText("");
            otherwise = text.equals("CONTINUE") ? null : action(node.get("otherwise"), where);
        }
        List<Predicate<Map<String, String>>> conditions = new ArrayList<>();
        JsonNode when = node.path("when");
        if (!when.isMissingNode()) {
            if (!when.isArray()) {
                throw new ThrottleRulesException(where + ": \"when\" must be an array of conditions");
            }
            for (int i = 0; i < when.size(); i++) {
                conditions.add(parseCondition(when.get(i), where + " condition #" + (i + 1)));
            }
        }
        return new Rule(name, List.copyOf(conditions), action, percentage, otherwise);
    }

    private Predicate<Map<String, String>> parseCondition(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new ThrottleRulesException(where + " must be an object");
        }
        checkKeys(node, CONDITION_KEYS, where);
        String annotation = node.path("annotation").asText("");
        if (annotation.isEmpty()) {
            throw new ThrottleRulesException(where + ": \"annotation\" is required");
        }
        List<String> tests = new ArrayList<>();
        node.fieldNames().forEachRemaining(k -> {
            if (CONDITION_TESTS.contains(k)) {
                tests.add(k);
            }
        });
        if (tests.size() != 1) {
            throw new ThrottleRulesException(where + ": needs exactly one of " + CONDITION_TESTS);
        }
        String test = tests.get(0);
        JsonNode arg = node.get(test);
        Predicate<Map<String, String>> condition = switch (test) {
            case "equals" -> {
                List<String> accepted = new ArrayList<>();
                if (arg.isArray()) {
                    arg.forEach(v -> accepted.add(v.asText()));
                } else if (arg.isValueNode()) {
                    accepted.add(arg.asText());
                } else {
                    throw new ThrottleRulesException(where + ": \"equals\" takes a string or a list of strings");
                }
                yield a -> a.containsKey(annotation) && accepted.contains(a.get(annotation));
            }
            case "matches" -> {
                Pattern pattern;
                try {
                    pattern = Pattern.compile(arg.asText());
                } catch (PatternSyntaxException e) {
                    throw new ThrottleRulesException(where + ": bad regex: " + e.getDescription());
                }
                yield a -> a.containsKey(annotation) && pattern.matcher(a.get(annotation)).find();
            }
            case "exists" -> {
                if (!arg.isBoolean()) {
                    throw new ThrottleRulesException(where + ": \"exists\" takes true or false");
                }
                boolean wanted = arg.asBoolean();
                yield a -> a.containsKey(annotation) == wanted;
            }
            case "version" -> {
                Comparison cmp = comparison(arg.asText(), where);
                yield a -> {
                    String v = a.get(annotation);
                    return v != null && !v.isBlank() && cmp.holds(Versions.compare(v, cmp.operand()));
                };
            }
            case "buildAgeDays" -> {
                Comparison cmp = comparison(arg.asText(), where);
                long days;
                try {
                    days = Long.parseLong(cmp.operand());
                } catch (NumberFormatException e) {
                    throw new ThrottleRulesException(where + ": \"buildAgeDays\" needs a whole number of days");
                }
                yield a -> {
                    Long age = buildAgeDays(a.get(annotation));
                    return age != null && cmp.holds(Long.compare(age, days));
                };
            }
            default -> throw new IllegalStateException(test);
        };
        if (node.has("not")) {
            if (!node.get("not").isBoolean()) {
                throw new ThrottleRulesException(where + ": \"not\" takes true or false");
            }
            if (node.get("not").asBoolean()) {
                return condition.negate();
            }
        }
        return condition;
    }

    /** Days from the build date (first 8 digits of a yyyymmddhhmmss build id) to today; null if not a date. */
    Long buildAgeDays(String buildId) {
        if (buildId == null || buildId.length() < 8) {
            return null;
        }
        String date = buildId.strip();
        if (date.length() < 8 || !date.substring(0, 8).chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        try {
            LocalDate built = LocalDate.parse(date.substring(0, 8), BUILD_DATE);
            return ChronoUnit.DAYS.between(built, LocalDate.now(clock));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private record Comparison(String operator, String operand) {
        boolean holds(int c) {
            return switch (operator) {
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                case "==" -> c == 0;
                case "!=" -> c != 0;
                default -> throw new IllegalStateException(operator);
            };
        }
    }

    private static Comparison comparison(String text, String where) {
        var m = COMPARISON.matcher(text);
        if (!m.matches()) {
            throw new ThrottleRulesException(where + ": expected \"<op> <value>\" with op one of < <= > >= == !=, got \""
                    + text + "\"");
        }
        return new Comparison(m.group(1), m.group(2));
    }

    private static ThrottleAction action(JsonNode node, String where) {
        try {
            return ThrottleAction.valueOf(node.asText(""));
        } catch (IllegalArgumentException e) {
            throw new ThrottleRulesException(where + ": action must be one of ACCEPT, DEFER, REJECT, FAKEACCEPT"
                    + ", got \"" + node.asText() + "\"");
        }
    }

    private static void checkKeys(JsonNode node, Set<String> allowed, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw new ThrottleRulesException(where + ": unknown key \"" + key + "\"");
            }
        }
    }
}
