package io.breakwater.stackwalk.cli;

import io.breakwater.minidump.Minidump;
import io.breakwater.minidump.MinidumpFormatException;
import io.breakwater.stackwalk.ProcessState;
import io.breakwater.stackwalk.Stackwalker;
import io.breakwater.stackwalk.output.HumanWriter;
import io.breakwater.stackwalk.output.JsonWriter;
import io.breakwater.stackwalk.output.MachineReadableWriter;
import io.breakwater.symbols.CachingSymbolSupplier;
import io.breakwater.symbols.DirectorySymbolSupplier;
import io.breakwater.symbols.SymbolSupplier;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code quarkus-run.jar stackwalk ...}: walks dumps without starting any server or service. */
public final class StackwalkCli {

    static final String USAGE = """
            usage: stackwalk [--json|--machine-readable|--human] [--pretty] [--symbols DIR]... [--out DIR] DUMP...

            Walks the threads of each minidump and prints them.
              --json              JSON in the schema of rust-minidump's minidump-stackwalk --json
              --pretty            indent the JSON
              --machine-readable  Breakpad's minidump_stackwalk -m format (also -m)
              --human             Breakpad-style text report (default)
              --symbols DIR       symbol directory in <debug_file>/<debug_id>/<name>.sym layout; repeatable
              --out DIR           write one file per dump (<dump name>.json or .txt); required for several dumps
              --help              this text
            Exit status: 0 when every dump was walked, 1 when a dump could not be read, 2 for bad arguments.
            """;

    private enum Format { JSON, MACHINE, HUMAN }

    private StackwalkCli() {}

    /** Direct entry for running from the class path without the application. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command and returns the process exit code. */
    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Format format = Format.HUMAN;
        boolean pretty = false;
        List<Path> symbolRoots = new ArrayList<>();
        Path outDir = null;
        List<Path> dumps = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> {
                    out.print(USAGE);
                    return 0;
                }
                case "--json" -> format = Format.JSON;
                case "--machine-readable", "-m" -> format = Format.MACHINE;
                case "--human" -> format = Format.HUMAN;
                case "--pretty" -> pretty = true;
                case "--symbols", "--out" -> {
                    if (i + 1 >= args.length) return usageError(err, a + " needs a directory");
                    Path dir = Path.of(args[++i]);
                    if (a.equals("--out")) {
                        outDir = dir;
                    } else {
                        if (!Files.isDirectory(dir)) return usageError(err, "symbol directory not found: " + dir);
                        symbolRoots.add(dir);
                    }
                }
                default -> {
                    if (a.startsWith("--symbols=")) {
                        Path dir = Path.of(a.substring("--symbols=".length()));
                        if (!Files.isDirectory(dir)) return usageError(err, "symbol directory not found: " + dir);
                        symbolRoots.add(dir);
                    } else if (a.startsWith("--out=")) {
                        outDir = Path.of(a.substring("--out=".length()));
                    } else if (a.startsWith("-") && !a.equals("-")) {
                        return usageError(err, "unknown option " + a);
                    } else {
                        dumps.add(Path.of(a));
                    }
                }
            }
        }
        if (dumps.isEmpty()) return usageError(err, "no dump given");
        if (dumps.size() > 1 && outDir == null) return usageError(err, "several dumps need --out DIR");
        if (outDir != null) {
            try {
                Files.createDirectories(outDir);
            } catch (IOException e) {
                return usageError(err, "cannot create output directory " + outDir + ": " + e.getMessage());
            }
        }

        // One cache for all dumps of the run; half the heap keeps the largest symbol files resident.
        SymbolSupplier supplier = symbolRoots.isEmpty() ? null
                : new CachingSymbolSupplier(new DirectorySymbolSupplier(symbolRoots),
                        Runtime.getRuntime().maxMemory() / 2, Duration.ofHours(1));
        Stackwalker walker = new Stackwalker(supplier);
        int status = 0;
        Set<String> usedNames = new HashSet<>();
        for (Path dump : dumps) {
            String text;
            try (Minidump minidump = Minidump.open(dump)) {
                ProcessState state = walker.process(minidump);
                text = switch (format) {
                    case JSON -> JsonWriter.write(state, pretty) + "\n";
                    case MACHINE -> MachineReadableWriter.write(state);
                    case HUMAN -> HumanWriter.write(state);
                };
            } catch (MinidumpFormatException e) {
                err.println("stackwalk: " + dump + ": not a readable minidump: " + e.getMessage());
                status = 1;
                continue;
            } catch (RuntimeException | OutOfMemoryError e) {
                err.println("stackwalk: " + dump + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
                status = 1;
                continue;
            }
            if (outDir == null) {
                out.print(text);
                out.flush();
            } else {
                Path target = outDir.resolve(outputName(dump, format == Format.JSON ? ".json" : ".txt", usedNames));
                try {
                    Files.writeString(target, text, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    err.println("stackwalk: cannot write " + target + ": " + e.getMessage());
                    status = 1;
                }
            }
        }
        return status;
    }

    /** {@code <dump name><ext>}; dumps with the same file name get their parent directory as a prefix. */
    static String outputName(Path dump, String extension, Set<String> used) {
        String name = dump.getFileName().toString() + extension;
        if (used.add(name)) return name;
        Path parent = dump.toAbsolutePath().getParent();
        String prefixed = (parent != null && parent.getFileName() != null ? parent.getFileName() + "_" : "") + name;
        if (used.add(prefixed)) return prefixed;
        for (int n = 2; ; n++) {
            String numbered = n + "_" + prefixed;
            if (used.add(numbered)) return numbered;
        }
    }

    private static int usageError(PrintStream err, String message) {
        err.println("stackwalk: " + message + " (see --help)");
        return 2;
    }
}
