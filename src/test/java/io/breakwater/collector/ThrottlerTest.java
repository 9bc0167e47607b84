package io.breakwater.collector;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThrottlerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-15T12:00:00Z"), ZoneOffset.UTC);

    private static Throttler rules(String json, double roll) {
        return Throttler.fromJson(json, () -> roll, CLOCK);
    }

    private static ThrottleDecision decide(Throttler t, String... kv) {
        java.util.Map<String, String> a = new java.util.HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            a.put(kv[i], kv[i + 1]);
        }
        return t.throttle(a);
    }

    @Test
    void acceptAllWithoutRules() {
        ThrottleDecision d = Throttler.acceptAll().throttle(Map.of("ProductName", "X"));
        assertEquals(new ThrottleDecision(ThrottleAction.ACCEPT, "accept_everything"), d);
    }

    @Test
    void firstMatchingRuleWinsAndEachActionIsReported() {
        Throttler t = rules("""
                {"default": "REJECT", "rules": [
                  {"name": "test_builds", "when": [{"annotation": "ProductName", "matches": "^Test"}], "action": "FAKEACCEPT"},
                  {"name": "no_version", "when": [{"annotation": "Version", "exists": false}], "action": "REJECT"},
                  {"name": "old", "when": [{"annotation": "Version", "version": "< 100.0"}], "action": "DEFER"},
                  {"name": "nightly", "when": [{"annotation": "ReleaseChannel", "equals": ["nightly", "aurora"]}], "action": "ACCEPT"}
                ]}""", 0.5);
        assertEquals(new ThrottleDecision(ThrottleAction.FAKEACCEPT, "test_builds"), decide(t, "ProductName", "TestApp"));
        assertEquals(new ThrottleDecision(ThrottleAction.REJECT, "no_version"), decide(t, "ProductName", "App"));
        assertEquals(new ThrottleDecision(ThrottleAction.DEFER, "old"), decide(t, "Version", "99.0.1"));
        assertEquals(new ThrottleDecision(ThrottleAction.ACCEPT, "nightly"),
                decide(t, "Version", "120.0a1", "ReleaseChannel", "aurora"));
        assertEquals(new ThrottleDecision(ThrottleAction.REJECT, "default"),
                decide(t, "Version", "120.0", "ReleaseChannel", "release"));
    }

    @Test
    void allConditionsOfARuleMustHoldAndNotInverts() {
        Throttler t = rules("""
                {"rules": [{"name": "both", "when": [
                    {"annotation": "A", "equals": "1"},
                    {"annotation": "B", "equals": "2", "not": true}], "action": "REJECT"}]}""", 0.5);
        assertEquals("both", decide(t, "A", "1", "B", "3").ruleName());
        assertEquals("default", decide(t, "A", "1", "B", "2").ruleName());
        assertEquals("default", decide(t, "A", "0").ruleName());
    }

    @Test
    void buildAge() {
        Throttler t = rules("""
                {"rules": [{"name": "old_builds", "when": [{"annotation": "BuildID", "buildAgeDays": "> 730"}],
                            "action": "REJECT"}]}""", 0.5);
        assertEquals("old_builds", decide(t, "BuildID", "20220101000000").ruleName());     // ~896 days
        assertEquals("default", decide(t, "BuildID", "20240101120000").ruleName());        // 166 days
        assertEquals("default", decide(t, "BuildID", "not-a-date").ruleName());
        assertEquals("default", decide(t, "BuildID", "20221399000000").ruleName());
        assertEquals(Long.valueOf(896), t.buildAgeDays("20220101"));
    }

    @Test
    void percentageSamplingUsesTheRollAndOtherwise() {
        String json = """
                {"default": "ACCEPT", "rules": [
                  {"name": "sample", "when": [{"annotation": "ReleaseChannel", "equals": "release"}],
                   "action": "ACCEPT", "percentage": 10, "otherwise": "REJECT"},
                  {"name": "continue_sample", "when": [{"annotation": "ReleaseChannel", "equals": "beta"}],
                   "action": "DEFER", "percentage": 25},
                  {"name": "beta_rest", "when": [{"annotation": "ReleaseChannel", "equals": "beta"}], "action": "REJECT"}
                ]}""";
        assertEquals(ThrottleAction.ACCEPT, decide(rules(json, 0.05), "ReleaseChannel", "release").action());
        assertEquals(new ThrottleDecision(ThrottleAction.REJECT, "sample"),
                decide(rules(json, 0.5), "ReleaseChannel", "release"));
        assertEquals(new ThrottleDecision(ThrottleAction.DEFER, "continue_sample"),
                decide(rules(json, 0.2), "ReleaseChannel", "beta"));
        assertEquals(new ThrottleDecision(ThrottleAction.REJECT, "beta_rest"),
                decide(rules(json, 0.3), "ReleaseChannel", "beta"));
    }

    @Test
    void samplingRateIsRoughlyRight() {
        java.util.Random random = new java.util.Random(42);
        Throttler t = Throttler.fromJson("""
                {"rules": [{"name": "s", "action": "ACCEPT", "percentage": 30, "otherwise": "REJECT"}]}""",
                random::nextDouble, CLOCK);
        int accepted = 0;
        for (int i = 0; i < 10_000; i++) {
            if (t.throttle(Map.of()).action() == ThrottleAction.ACCEPT) {
                accepted++;
            }
        }
        assertTrue(accepted > 2700 && accepted < 3300, "accepted " + accepted);
    }

    @Test
    void badRulesAreReportedClearly() {
        AtomicReference<String> msg = new AtomicReference<>();
        String[][] cases = {
                {"[]", "top level"},
                {"{\"rules\": [{\"name\": \"bad name\", \"action\": \"ACCEPT\"}]}", "name"},
                {"{\"rules\": [{\"name\": \"a\", \"action\": \"MAYBE\"}]}", "action must be one of"},
                {"{\"rules\": [{\"name\": \"a\", \"action\": \"ACCEPT\", \"percentage\": 120}]}", "percentage"},
                {"{\"rules\": [{\"name\": \"a\", \"action\": \"ACCEPT\", \"when\": [{\"annotation\": \"X\"}]}]}", "exactly one"},
                {"{\"rules\": [{\"name\": \"a\", \"action\": \"ACCEPT\", \"when\": [{\"annotation\": \"X\", \"matches\": \"(\"}]}]}", "bad regex"},
                {"{\"rules\": [{\"name\": \"a\", \"action\": \"ACCEPT\", \"when\": [{\"annotation\": \"X\", \"version\": \"~1\"}]}]}", "expected"},
                {"{\"rules\": [{\"name\": \"a\", \"action\": \"ACCEPT\", \"typo\": 1}]}", "unknown key"},
                {"{\"rules\": [{\"name\": \"a\", \"action\": \"ACCEPT\"}, {\"name\": \"a\", \"action\": \"REJECT\"}]}", "twice"},
                {"{\"rules\": [", "not valid JSON"},
        };
        for (String[] c : cases) {
            ThrottleRulesException e = assertThrows(ThrottleRulesException.class, () -> rules(c[0], 0.5), c[0]);
            msg.set(e.getMessage());
            assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
        }
    }
}
