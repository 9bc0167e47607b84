package io.breakwater.stackwalk.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for Breakpad's {@code minidump_stackwalk} outputs (machine-readable and human). */
final class BreakpadText {

    private BreakpadText() {}

    record Frame(String module, String function, String file, String line, String offset) {}

    /** A parsed {@code -m} output: header lines, module lines, and frames per thread number. */
    record MachineReadable(List<String> header, List<String> modules, Map<Integer, List<Frame>> threads,
                           int crashingThread) {}

    static MachineReadable machineReadable(String text) {
        List<String> header = new ArrayList<>();
        List<String> modules = new ArrayList<>();
        Map<Integer, List<Frame>> threads = new LinkedHashMap<>();
        int crashing = -1;
        boolean frames = false;
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                frames = true;
                continue;
            }
            if (!frames) {
                if (line.startsWith("Module|")) modules.add(line);
                else header.add(line);
                if (line.startsWith("Crash|")) {
                    String[] f = line.split("\\|", -1);
                    crashing = f.length > 3 && !f[3].isEmpty() ? Integer.parseInt(f[3]) : -1;
                }
                continue;
            }
            String[] f = line.split("\\|", -1);
            if (f.length < 7) throw new IllegalArgumentException("bad frame line: " + line);
            threads.computeIfAbsent(Integer.parseInt(f[0]), k -> new ArrayList<>())
                    .add(new Frame(f[2], f[3], f[4], f[5], f[6]));
        }
        return new MachineReadable(header, modules, threads, crashing);
    }

    private static final Pattern THREAD = Pattern.compile("^Thread (\\d+)");
    private static final Pattern FOUND_BY = Pattern.compile("^ {4}Found by: (.*)$");

    /** "Found by:" texts of each thread's frames in a human-readable output. */
    static Map<Integer, List<String>> trusts(String human) {
        Map<Integer, List<String>> out = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : human.split("\n")) {
            Matcher t = THREAD.matcher(line);
            if (t.find()) {
                current = out.computeIfAbsent(Integer.parseInt(t.group(1)), k -> new ArrayList<>());
                continue;
            }
            if (line.startsWith("Loaded modules:")) current = null;
            Matcher f = FOUND_BY.matcher(line);
            if (f.matches() && current != null) current.add(f.group(1));
        }
        return out;
    }
}
