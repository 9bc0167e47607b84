package io.breakwater.minidump.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A short seeded run of {@link MinidumpFuzz}; long runs use its {@code main}. */
class MinidumpFuzzTest {

    @Test
    void seededMutationsNeverEscapeAsUnexpectedExceptions() throws Exception {
        List<byte[]> seeds = MinidumpFuzz.defaultSeeds();
        MinidumpFuzz fuzz = new MinidumpFuzz(seeds, 20240611L, 10_000);
        MinidumpFuzz.Result result = fuzz.run(0, 3_000, null);
        assertEquals(List.of(), result.failures().stream()
                .map(f -> "case " + f.caseIndex() + ": " + f.problem()).toList());
        assertTrue(result.parsed() > 1_000, "most mutants still parse: " + result.parsed());
        assertTrue(result.formatErrors() > 0, "some mutants are rejected: " + result.formatErrors());
    }

    @Test
    void casesAreReproducible() throws Exception {
        MinidumpFuzz a = new MinidumpFuzz(MinidumpFuzz.syntheticSeeds(), 7, 1_000);
        MinidumpFuzz b = new MinidumpFuzz(MinidumpFuzz.syntheticSeeds(), 7, 1_000);
        for (long i = 0; i < 50; i++) assertTrue(java.util.Arrays.equals(a.mutate(i), b.mutate(i)), "case " + i);
    }
}
