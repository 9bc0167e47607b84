package io.breakwater.auth;

import io.breakwater.access.AuditLog;
import io.breakwater.access.Caller;
import io.breakwater.access.Permission;
import io.breakwater.local.CommandLineDatabase;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code quarkus-run.jar admin ...}: account administration from the server's shell, for the first
 * administrator and for automation. Works whether or not the server is running (see
 * {@link CommandLineDatabase}).
 */
public final class AdminCli {

    static final String USAGE = """
            usage: admin COMMAND [OPTIONS]

              create-user --email E [--name N] [--superuser] [--group NAME]... [--no-password]
                  Creates an account. The password is asked for on a terminal, else read from the first line
                  of standard input (echo "$PASSWORD" | ... admin create-user --email ...). --no-password makes
                  an account that signs in only through single sign-on.
              set-password --email E
                  Sets the password of an account (read as above) and signs it out everywhere.
              create-token --email E [--permission P]... [--note TEXT] [--days N]
                  Creates an API token of that account and prints it (shown only once). Permissions must be
                  among the account's: %s.
              list-users
                  Lists accounts with their groups.

            The database is the one the server uses: BREAKWATER_DB_URL (with _USER, _PASSWORD) when set,
            else the embedded one under BREAKWATER_DATA_DIR (default ./data).
            Exit status: 0 done, 1 refused or failed, 2 bad arguments.
            """.formatted(Arrays.stream(Permission.values()).map(Permission::code).collect(Collectors.joining(", ")));

    private AdminCli() {
    }

    /** The database behind a command, opened once the arguments are known to be good. */
    interface Database extends AutoCloseable {
        javax.sql.DataSource dataSource();

        @Override
        void close();
    }

    public static int run(String[] args) {
        return run(args, System.in, System.out, System.err, database(name -> {
            String value = System.getProperty(name);
            return value != null ? value : System.getenv(name);
        }), System.console());
    }

    /** The server's database as configured by {@code lookup} (system properties, then the environment). */
    static Supplier<Database> database(java.util.function.UnaryOperator<String> lookup) {
        return () -> {
            try {
                CommandLineDatabase db = CommandLineDatabase.open(lookup);
                return new Database() {
                    public javax.sql.DataSource dataSource() {
                        return db.dataSource();
                    }

                    public void close() {
                        db.close();
                    }
                };
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        };
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Supplier<Database> database,
                   Console console) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            (args.length == 0 ? err : out).print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        Options o;
        try {
            o = Options.parse(Arrays.copyOfRange(args, 1, args.length));
        } catch (IllegalArgumentException e) {
            err.println("admin: " + e.getMessage());
            return 2;
        }
        String command = args[0];
        if (!List.of("create-user", "set-password", "create-token", "list-users").contains(command)) {
            err.println("admin: unknown command '" + command + "'\n");
            err.print(USAGE);
            return 2;
        }
        if (!command.equals("list-users") && o.email == null) {
            err.println("admin: " + command + " needs --email");
            return 2;
        }
        String password = null;
        if (command.equals("set-password") || (command.equals("create-user") && !o.noPassword)) {
            try {
                password = readPassword(in, console, err);
            } catch (IOException e) {
                err.println("admin: could not read the password: " + e.getMessage());
                return 1;
            }
            String problem = PasswordHasher.problem(password);
            if (problem != null) {
                err.println("admin: " + problem);
                return 1;
            }
        }
        try (Database db = database.get()) {
            AccountStore accounts = new AccountStore(db.dataSource());
            AuditLog audit = new AuditLog(db.dataSource(), () -> "command line");
            Caller operator = Caller.system(System.getProperty("user.name", "operator"));
            return switch (command) {
                case "create-user" -> createUser(o, password, accounts, audit, operator, out, err);
                case "set-password" -> setPassword(o, password, accounts, new SessionStore(db.dataSource()), audit,
                        operator, out, err);
                case "create-token" -> createToken(o, accounts, new TokenStore(db.dataSource()), audit, operator, out, err);
                default -> listUsers(accounts, out);
            };
        } catch (AuthStorageException.Duplicate | IllegalArgumentException e) {
            err.println("admin: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("admin: " + e.getMessage());
            return 1;
        }
    }

    private static int createUser(Options o, String password, AccountStore accounts, AuditLog audit, Caller operator,
                                  PrintStream out, PrintStream err) {
        List<Long> groupIds = new ArrayList<>();
        for (String name : o.groups) {
            Optional<Group> g = accounts.groupByName(name);
            if (g.isEmpty()) {
                err.println("admin: no group named '" + name + "'; groups: "
                        + accounts.groups().stream().map(Group::name).collect(Collectors.joining(", ")));
                return 1;
            }
            groupIds.add(g.get().id());
        }
        String hash = password == null ? null : hasher().hash(password);
        Account account = accounts.create(o.email, o.name, hash, o.superuser);
        accounts.setMemberships(account.id(), groupIds);
        account = accounts.find(account.id()).orElseThrow();
        audit.record(operator, "account.create", account.email(), "superuser=" + o.superuser + " groups=" + account.groups());
        out.println("created " + describe(account));
        return 0;
    }

    private static int setPassword(Options o, String password, AccountStore accounts, SessionStore sessions,
                                   AuditLog audit, Caller operator, PrintStream out, PrintStream err) {
        Optional<Account> account = accounts.findByEmail(o.email);
        if (account.isEmpty()) {
            err.println("admin: no account with the e-mail address " + o.email);
            return 1;
        }
        accounts.setPassword(account.get().id(), hasher().hash(password));
        int ended = sessions.endAllFor(account.get().id());
        audit.record(operator, "account.password", account.get().email(), "set at the command line");
        out.println("password set for " + account.get().email() + (ended > 0 ? "; " + ended + " session(s) ended" : ""));
        return 0;
    }

    private static int createToken(Options o, AccountStore accounts, TokenStore tokens, AuditLog audit,
                                   Caller operator, PrintStream out, PrintStream err) {
        Optional<Account> account = accounts.findByEmail(o.email);
        if (account.isEmpty()) {
            err.println("admin: no account with the e-mail address " + o.email);
            return 1;
        }
        TokenStore.NewToken token = tokens.create(account.get().id(), o.permissions, o.note,
                Instant.now().plus(Duration.ofDays(o.days)));
        audit.record(operator, "token.create", "token " + token.token().id(), "for " + account.get().email()
                + " permissions=" + o.permissions.stream().map(Permission::code).sorted().toList() + " days=" + o.days);
        out.println(token.secret());
        return 0;
    }

    /** The server's work factor (breakwater.auth.bcrypt-cost), so that hashes made here match its own. */
    private static PasswordHasher hasher() {
        String cost = System.getProperty("breakwater.auth.bcrypt-cost", System.getenv("BREAKWATER_AUTH_BCRYPT_COST"));
        try {
            return new PasswordHasher(cost == null || cost.isBlank() ? PasswordHasher.DEFAULT_COST : Integer.parseInt(cost.strip()));
        } catch (IllegalArgumentException e) {
            return new PasswordHasher(PasswordHasher.DEFAULT_COST);
        }
    }

    private static int listUsers(AccountStore accounts, PrintStream out) {
        for (Account a : accounts.list()) {
            out.println(describe(a));
        }
        return 0;
    }

    private static String describe(Account a) {
        return a.email() + (a.superuser() ? " [superuser]" : "") + (a.active() ? "" : " [deactivated]")
                + (a.groups().isEmpty() ? "" : " groups: " + String.join(", ", a.groups()));
    }

    static String readPassword(InputStream in, Console console, PrintStream err) throws IOException {
        if (console != null) {
            char[] first = console.readPassword("Password: ");
            char[] again = console.readPassword("Password again: ");
            if (first == null || again == null) {
                throw new IOException("no password given");
            }
            if (!Arrays.equals(first, again)) {
                throw new IOException("the two passwords differ");
            }
            return new String(first);
        }
        String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        if (line == null) {
            throw new IOException("standard input is empty; pipe the password in, or run on a terminal");
        }
        return line;
    }

    static final class Options {
        String email;
        String name = "";
        boolean superuser;
        boolean noPassword;
        final List<String> groups = new ArrayList<>();
        final Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        String note = "";
        int days = 90;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--superuser" -> o.superuser = true;
                    case "--no-password" -> o.noPassword = true;
                    case "--email", "--name", "--group", "--permission", "--note", "--days" -> {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException(a + " needs a value");
                        }
                        String v = args[++i];
                        switch (a) {
                            case "--email" -> o.email = v;
                            case "--name" -> o.name = v;
                            case "--group" -> o.groups.add(v);
                            case "--permission" -> o.permissions.add(Permission.byCode(v).orElseThrow(() ->
                                    new IllegalArgumentException("unknown permission '" + v + "'")));
                            case "--note" -> o.note = v;
                            default -> {
                                try {
                                    o.days = Integer.parseInt(v);
                                } catch (NumberFormatException e) {
                                    throw new IllegalArgumentException("--days needs a number");
                                }
                            }
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown option '" + a + "'");
                }
            }
            // Here, not in create-token: a bad argument must not open (or start) the database.
            if (o.days < 1 || o.days > 3650) {
                throw new IllegalArgumentException("--days must be from 1 to 3650");
            }
            return o;
        }
    }
}
