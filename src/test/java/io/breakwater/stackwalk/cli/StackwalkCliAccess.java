package io.breakwater.stackwalk.cli;

import java.io.PrintStream;

/** Test access to the CLI with captured streams. */
public final class StackwalkCliAccess {
    private StackwalkCliAccess() {}

    public static int run(String[] args, PrintStream out, PrintStream err) { return StackwalkCli.run(args, out, err); }
}
