package io.breakwater.stackwalk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.breakwater.stackwalk.cli.StackwalkCliAccess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackwalkCliTest {

    record Result(int status, String out, String err) {}

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = StackwalkCliAccess.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpPrintsUsage() {
        Result r = run("--help");
        assertEquals(0, r.status());
        assertTrue(r.out().startsWith("usage: stackwalk"));
    }

    @Test
    void badArgumentsExitWithTwoAndOneLine() {
        for (String[] args : new String[][] {{}, {"--bogus", "x.dmp"}, {"a.dmp", "b.dmp"}, {"--symbols"}}) {
            Result r = run(args);
            assertEquals(2, r.status(), String.join(" ", args));
            assertEquals(1, r.err().lines().count(), r.err());
        }
    }

    @Test
    void unreadableDumpExitsWithOneAndAReason(@TempDir Path dir) throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.dmp"), "not a minidump at all");
        Result r = run(junk.toString());
        assertEquals(1, r.status());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("junk.dmp"), r.err());
        Result missing = run(dir.resolve("absent.dmp").toString());
        assertEquals(1, missing.status());
    }

    @Test
    void severalDumpsAreWrittenToTheOutputDirectory(@TempDir Path dir) throws IOException {
        Path corpus = Path.of("..", "shared", "corpus").toAbsolutePath().normalize();
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(corpus), "corpus absent");
        Path a = corpus.resolve("generated/segv/crash.dmp");
        Path b = corpus.resolve("generated/abort/crash.dmp");
        Path out = dir.resolve("out");
        Result r = run("--json", "--symbols", corpus.resolve("generated/symbols").toString(), "--out", out.toString(),
                a.toString(), b.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.readString(out.resolve("crash.dmp.json")).contains("\"store_value\""));
        assertTrue(Files.readString(out.resolve("abort_crash.dmp.json")).contains("\"SIGABRT\""));
        Result single = run("-m", "--symbols", corpus.resolve("generated/symbols").toString(), a.toString());
        assertEquals(Files.readString(corpus.resolve("generated/segv/stackwalk-m.txt")), single.out());
    }
}
