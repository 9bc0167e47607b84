package io.breakwater.collector;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/CLIENTS.md's throttle-rule example, read by the real parser, so the document cannot drift from it. */
class ClientsDocTest {

    private static final Pattern EXAMPLE = Pattern.compile(
            "<!-- throttle-rules-example:begin -->\\s*```json\\n(.*?)```\\s*<!-- throttle-rules-example:end -->",
            Pattern.DOTALL);

    private static Throttler documentedRules(double random) throws Exception {
        Matcher m = EXAMPLE.matcher(Files.readString(Path.of("docs", "CLIENTS.md")));
        assertTrue(m.find(), "docs/CLIENTS.md has a throttle-rules example");
        return Throttler.fromJson(m.group(1), () -> random,
                Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void throttleRulesExampleParsesAndDecidesAsTheDocumentSays() throws Exception {
        Throttler rules = documentedRules(0.5);
        assertEquals(6, rules.ruleCount());
        assertEquals(new ThrottleDecision(ThrottleAction.REJECT, "unknown_product"),
                rules.throttle(Map.of("ProductName", "SomeoneElse")));
        assertEquals(new ThrottleDecision(ThrottleAction.REJECT, "old_builds"),
                rules.throttle(Map.of("ProductName", "MyApp", "BuildID", "20240101000000")));
        assertEquals(new ThrottleDecision(ThrottleAction.ACCEPT, "nightly"),
                rules.throttle(Map.of("ProductName", "MyApp", "ReleaseChannel", "nightly", "Version", "1.0")));
        assertEquals(new ThrottleDecision(ThrottleAction.DEFER, "old_versions"),
                rules.throttle(Map.of("ProductName", "SampleApp", "Version", "1.9")));
        // 10 percent of release crashes are kept: a draw of 0.5 is not among them, 0.05 is.
        Map<String, String> release = Map.of("ProductName", "MyApp", "Version", "3.0", "ReleaseChannel", "release");
        assertEquals(ThrottleAction.REJECT, rules.throttle(release).action());
        assertEquals(ThrottleAction.ACCEPT, documentedRules(0.05).throttle(release).action());
        assertEquals(new ThrottleDecision(ThrottleAction.ACCEPT, "everything_else"),
                rules.throttle(Map.of("ProductName", "MyApp", "Version", "3.0")));
    }
}
