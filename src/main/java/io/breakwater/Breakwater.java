package io.breakwater;

import io.breakwater.stackwalk.cli.StackwalkCli;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.util.Arrays;

/** Entry point: {@code stackwalk ...} runs the offline CLI; anything else starts the server. */
@QuarkusMain
public class Breakwater {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("stackwalk")) {
            System.exit(StackwalkCli.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        Quarkus.run(args);
    }
}
