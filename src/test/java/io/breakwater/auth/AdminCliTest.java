package io.breakwater.auth;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.*;

/** The command line up to the database: argument and password checks. No database is ever opened. */
class AdminCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final AtomicInteger opened = new AtomicInteger();

    // Errors are not caught by the CLI (it catches RuntimeException), so this fails the test.
    private final Supplier<AdminCli.Database> noDatabase = () -> fail("the database must not be opened");

    // Stands in for a database that cannot be opened: proves the command got as far as opening one.
    private final Supplier<AdminCli.Database> unavailable = () -> {
        opened.incrementAndGet();
        throw new IllegalStateException("no database in unit tests");
    };

    private int run(String stdin, Supplier<AdminCli.Database> database, String... args) {
        InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        return AdminCli.run(args, in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), database, null);
    }

    private int run(Supplier<AdminCli.Database> database, String... args) {
        return run("", database, args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpPrintsTheUsage() {
        for (String help : new String[] {"--help", "help"}) {
            out.reset();
            assertEquals(0, run(noDatabase, help));
            assertEquals(AdminCli.USAGE, out());
            assertEquals("", err());
        }
        assertTrue(AdminCli.USAGE.contains("create-user"));
        assertTrue(AdminCli.USAGE.contains("view_pii, view_rawdump, reprocess_crashes"), "permission codes listed");
    }

    @Test
    void noArgumentsIsAnErrorWithTheUsage() {
        assertEquals(2, run(noDatabase));
        assertEquals("", out());
        assertEquals(AdminCli.USAGE, err());
    }

    @Test
    void unknownCommand() {
        assertEquals(2, run(noDatabase, "drop-everything", "--email", "a@example.com"));
        assertTrue(err().startsWith("admin: unknown command 'drop-everything'"), err());
        assertTrue(err().contains(AdminCli.USAGE), err());
        assertEquals("", out());
    }

    @Test
    void unknownOptionsAndMissingValues() {
        assertEquals(2, run(noDatabase, "list-users", "--verbose"));
        assertTrue(err().contains("unknown option '--verbose'"), err());
        err.reset();
        assertEquals(2, run(noDatabase, "create-user", "--email"));
        assertTrue(err().contains("--email needs a value"), err());
        err.reset();
        assertEquals(2, run(noDatabase, "create-token", "--email", "a@example.com", "--days", "ninety"));
        assertTrue(err().contains("--days needs a number"), err());
    }

    @Test
    void commandsOnAnAccountNeedEmail() {
        for (String command : new String[] {"create-user", "set-password", "create-token"}) {
            err.reset();
            assertEquals(2, run("a good long password\n", noDatabase, command, "--name", "Alice"), command);
            assertTrue(err().contains(command + " needs --email"), err());
        }
    }

    @Test
    void unknownPermission() {
        assertEquals(2, run(noDatabase, "create-token", "--email", "a@example.com", "--permission", "root"));
        assertTrue(err().contains("unknown permission 'root'"), err());
    }

    @Test
    void tokenLifetimeOutOfRange() {
        for (String days : new String[] {"0", "-1", "3651"}) {
            err.reset();
            assertEquals(2, run(noDatabase, "create-token", "--email", "a@example.com", "--days", days), days);
            assertTrue(err().contains("--days must be from 1 to 3650"), err());
        }
    }

    @Test
    void weakPasswordsAreRefusedBeforeTheDatabase() {
        assertEquals(1, run("short\n", noDatabase, "create-user", "--email", "a@example.com"));
        assertTrue(err().contains("at least 10 characters"), err());
        err.reset();
        assertEquals(1, run("€".repeat(30) + "\n", noDatabase, "set-password", "--email", "a@example.com"));
        assertTrue(err().contains("at most 72 bytes"), err());
        err.reset();
        assertEquals(1, run(" ".repeat(12) + "\n", noDatabase, "set-password", "--email", "a@example.com"));
        assertTrue(err().contains("only spaces"), err());
    }

    @Test
    void emptyStandardInputIsNoPassword() {
        assertEquals(1, run("", noDatabase, "set-password", "--email", "a@example.com"));
        assertTrue(err().contains("standard input is empty"), err());
    }

    @Test
    void goodArgumentsGetAsFarAsTheDatabase() {
        assertEquals(1, run("a good long password\nignored\n", unavailable, "create-user", "--email", "a@example.com",
                "--name", "Alice", "--superuser", "--group", "crash-viewers"));
        assertEquals(1, run("", unavailable, "create-user", "--email", "sso@example.com", "--no-password"));
        assertEquals(1, run(unavailable, "create-token", "--email", "a@example.com", "--permission", " VIEW_PII ",
                "--permission", "upload_symbols", "--days", "3650", "--note", "CI"));
        assertEquals(1, run(unavailable, "list-users"));
        assertEquals(4, opened.get());
        assertTrue(err().contains("admin: no database in unit tests"), err());
        assertEquals("", out());
    }
}
