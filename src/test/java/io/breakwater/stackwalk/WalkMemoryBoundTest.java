package io.breakwater.stackwalk;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Memory per walk: the amplification dump that used to exhaust any heap (60,000 threads on one deep stack;
 * millions of frames) is walked and written as JSON in a separate JVM with a 192 MB heap. An
 * {@code OutOfMemoryError} there fails the test; the default budgets keep the walk well inside it.
 */
class WalkMemoryBoundTest {

    static final String HEAP = "-Xmx192m";

    @Test
    void theWorstAmplificationDumpWalksInASmallHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The engine and the dump builder need nothing but the project's own classes.
        String classpath = String.join(File.pathSeparator, Path.of("target", "test-classes").toString(),
                Path.of("target", "classes").toString());
        Process p = new ProcessBuilder(List.of(java, HEAP, "-XX:+ExitOnOutOfMemoryError", "-cp", classpath,
                AmplifiedWalkProbe.class.getName(), "60000", String.valueOf(WalkBudgetsTest.STACK_BYTES)))
                .redirectErrorStream(true).start();
        boolean finished = p.waitFor(5, TimeUnit.MINUTES);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            p.destroyForcibly();
        }
        assertTrue(finished, "probe did not finish: " + out);
        assertEquals(0, p.exitValue(), "probe failed (out of memory?): " + out);
        Matcher m = Pattern.compile("threads=(\\d+) frames=(\\d+) partial=(\\w+) json_bytes=(\\d+) budget_notes=(\\d+)")
                .matcher(out);
        assertTrue(m.find(), out);
        assertTrue(Long.parseLong(m.group(2)) <= Stackwalker.Budgets.DEFAULT.maxFrames(), "frames bounded: " + out);
        assertEquals("true", m.group(3), "marked partial: " + out);
        assertTrue(Long.parseLong(m.group(4)) <= Stackwalker.Budgets.DEFAULT.maxJsonBytes(), "JSON bounded: " + out);
        assertTrue(Integer.parseInt(m.group(5)) >= 1, "a budget note says why: " + out);
    }
}
