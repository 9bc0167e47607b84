package io.breakwater.symbolstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Frames Breakpad's minidump_stackwalk symbolicated in a corpus dump directory: the module offset it
 * looked up and the function name it printed. The instruction pointer comes from {@code stackwalk.txt},
 * names and module ranges from {@code stackwalk-m.txt}.
 */
public final class StackwalkFrames {

    /** {@code offset} is what the walker looked up: the pc for a context frame, pc - 1 for callers. */
    public record Frame(String dump, String debugFile, String debugId, long offset, String function) {}

    private record Module(String debugFile, String debugId, long base, long end) {}

    private static final Pattern THREAD = Pattern.compile("^Thread (\\d+).*");
    private static final Pattern FRAME = Pattern.compile("^\\s*(\\d+)\\s+\\S.*");
    private static final Pattern RIP = Pattern.compile(".*\\brip = 0x([0-9a-f]+).*");

    private StackwalkFrames() {}

    public static List<Frame> read(Path dumpDir) {
        try {
            List<Module> modules = new ArrayList<>();
            Map<String, String> names = new HashMap<>();
            for (String line : Files.readAllLines(dumpDir.resolve("stackwalk-m.txt"))) {
                String[] f = line.split("\\|", -1);
                if (f[0].equals("Module") && f.length >= 7) {
                    modules.add(new Module(f[3], f[4], Long.decode(f[5]), Long.decode(f[6])));
                } else if (f.length == 7 && f[0].matches("\\d+") && !f[3].isEmpty()) {
                    names.put(f[0] + "/" + f[1], f[3]);
                }
            }
            List<Frame> frames = new ArrayList<>();
            String thread = null;
            String frame = null;
            Long rip = null;
            for (String line : Files.readAllLines(dumpDir.resolve("stackwalk.txt"))) {
                Matcher m;
                if ((m = THREAD.matcher(line)).matches()) {
                    thread = m.group(1);
                    frame = null;
                } else if (thread != null && (m = FRAME.matcher(line)).matches()) {
                    frame = m.group(1);
                    rip = null;
                } else if ((m = RIP.matcher(line)).matches()) {
                    rip = Long.parseUnsignedLong(m.group(1), 16);
                } else if (line.strip().startsWith("Found by:") && thread != null && frame != null && rip != null) {
                    boolean context = line.contains("given as instruction pointer in context");
                    String name = names.get(thread + "/" + frame);
                    long pc = context ? rip : rip - 1;
                    for (Module mod : modules) {
                        if (name != null && pc >= mod.base && pc <= mod.end) {
                            frames.add(new Frame(dumpDir.getFileName().toString(), mod.debugFile, mod.debugId,
                                    pc - mod.base, name));
                        }
                    }
                    rip = null;
                }
            }
            return frames;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
