package io.breakwater.esshim;

import org.elasticsearch.bootstrap.ServerArgs;
import org.elasticsearch.common.io.stream.OutputStreamStreamOutput;
import org.elasticsearch.common.settings.KeyStoreWrapper;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.InternalSettingsPreparer;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the serialized {@link ServerArgs} an Elasticsearch 8 node reads from stdin.
 * Usage: {@code ServerArgsWriter <home> <configDir> <pidFile> <outputFile> key=value...}
 */
public final class ServerArgsWriter {

    private ServerArgsWriter() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: ServerArgsWriter <home> <configDir> <pidFile> <outputFile> key=value...");
            System.exit(2);
        }
        Path home = Path.of(args[0]);
        Path configDir = Path.of(args[1]);
        Path pidFile = Path.of(args[2]);
        Path output = Path.of(args[3]);
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 4; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq <= 0) {
                System.err.println("not a key=value setting: " + args[i]);
                System.exit(2);
            }
            overrides.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        Settings base = Settings.builder().put(Environment.PATH_HOME_SETTING.getKey(), home.toString()).build();
        String nodeName = overrides.getOrDefault("node.name", "breakwater");
        Environment env = InternalSettingsPreparer.prepareEnvironment(base, overrides, configDir, () -> nodeName);
        ServerArgs serverArgs = new ServerArgs(false, false, pidFile, KeyStoreWrapper.create(), env.settings(),
                env.configDir(), env.logsDir());
        try (OutputStream out = new BufferedOutputStream(java.nio.file.Files.newOutputStream(output));
             OutputStreamStreamOutput stream = new OutputStreamStreamOutput(out)) {
            serverArgs.writeTo(stream);
        }
    }
}
