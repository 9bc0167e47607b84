package io.breakwater.stackwalk.cli;

/** {@code quarkus-run.jar stackwalk ...}: walks dumps without starting any server or service. */
public final class StackwalkCli {

    private StackwalkCli() {}

    /** Runs the command and returns the process exit code. */
    public static int run(String[] args) {
        System.err.println("stackwalk: not implemented yet");
        return 2;
    }
}
