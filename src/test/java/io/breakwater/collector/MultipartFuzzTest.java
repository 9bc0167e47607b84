package io.breakwater.collector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A short seeded run of {@link MultipartFuzz}; long runs use its {@code main}. */
class MultipartFuzzTest {

    @Test
    void mutatedBodiesAreParsedOrRejectedNeverAnythingElse() {
        MultipartFuzz.Result result = new MultipartFuzz(MultipartFuzz.defaultSeeds(), 20261203L).run(0, 2_000, null);
        assertEquals(List.of(), result.failures().stream().map(f -> "case " + f.caseIndex() + ": " + f.problem()).toList());
        assertTrue(result.parsed() > 100, "some mutants still parse: " + result.parsed());
        assertTrue(result.rejected() > 100, "some mutants are rejected: " + result.rejected());
    }

    @Test
    void casesAreReproducible() {
        MultipartFuzz a = new MultipartFuzz(MultipartFuzz.defaultSeeds(), 7);
        MultipartFuzz b = new MultipartFuzz(MultipartFuzz.defaultSeeds(), 7);
        for (long i = 0; i < 50; i++) assertArrayEquals(a.mutate(i), b.mutate(i), "case " + i);
    }
}
