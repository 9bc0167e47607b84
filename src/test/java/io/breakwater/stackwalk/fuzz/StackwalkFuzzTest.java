package io.breakwater.stackwalk.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.breakwater.stackwalk.conformance.Corpus;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A short seeded run of {@link StackwalkFuzz}; long runs use its {@code main}. */
class StackwalkFuzzTest {

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // a hang guard, not a performance assertion
    void mutatedDumpsAndSymbolsNeverEscape() throws Exception {
        StackwalkFuzz fuzz = new StackwalkFuzz(Corpus.requireRoot(), 20261124L, 20_000);
        StackwalkFuzz.Result result = fuzz.run(0, 1_500, null);
        assertEquals(List.of(), result.failures().stream().map(f -> "case " + f.caseIndex() + ": " + f.problem()).toList());
        assertTrue(result.walked() > 500, "most mutants are still walked: " + result.walked());
        assertTrue(result.frames() > result.walked(), "walks find frames: " + result.frames());
    }
}
