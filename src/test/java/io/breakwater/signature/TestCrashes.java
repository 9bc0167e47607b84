package io.breakwater.signature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Builders for test crashes, and a reader for Breakpad's {@code minidump_stackwalk -m} corpus outputs. */
final class TestCrashes {

    static final Path CORPUS = Path.of("..", "shared", "corpus");

    private TestCrashes() {
    }

    static Path corpus(String relative) {
        Path path = CORPUS.resolve(relative);
        assumeTrue(Files.exists(path), "corpus file " + path.toAbsolutePath() + " is absent; skipping");
        return path;
    }

    static Frame fn(String module, String function) {
        return Frame.ofFunction(module, function, null, null);
    }

    static Frame fn(String function) {
        return Frame.ofFunction(null, function, null, null);
    }

    /** One crashing thread (index 0) holding the frames. */
    static CrashData crash(String os, Frame... frames) {
        return CrashData.of(os, 0, List.of(CrashThread.of(List.of(frames))));
    }

    /** One crashing thread whose frames have just these function names. */
    static CrashData functions(String... functions) {
        List<Frame> frames = new ArrayList<>();
        for (String function : functions) {
            frames.add(fn(function));
        }
        return CrashData.of("Linux", 0, List.of(CrashThread.of(frames)));
    }

    static CrashData withAnnotations(CrashData crash, String... keyValues) {
        Map<String, String> annotations = new LinkedHashMap<>(crash.annotations());
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            annotations.put(keyValues[i], keyValues[i + 1]);
        }
        return new CrashData(crash.os(), crash.crashingThread(), crash.threads(), annotations);
    }

    /**
     * Reads a {@code minidump_stackwalk -m} output: {@code OS|name|…}, {@code Crash|reason|address|thread}
     * and {@code thread|frame|module|function|file|line|offset} lines. The offset is the function offset
     * when there is a function, the module offset when there is only a module, else the address.
     */
    static CrashData fromMachineReadable(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String os = null;
        Integer crashingThread = null;
        String reason = null;
        Map<Integer, List<Frame>> threads = new TreeMap<>();
        for (String line : lines) {
            String[] f = line.split("\\|", -1);
            if (f[0].equals("OS") && f.length > 1) {
                os = f[1];
            } else if (f[0].equals("Crash") && f.length > 3) {
                reason = f[1];
                crashingThread = f[3].isEmpty() ? null : Integer.parseInt(f[3]);
            } else if (f.length == 7 && f[0].matches("\\d+")) {
                String module = emptyToNull(f[2]);
                String function = emptyToNull(f[3]);
                String offset = f[6];
                Frame frame = new Frame(Integer.parseInt(f[1]), module, function, emptyToNull(f[4]),
                        f[5].isEmpty() ? null : Integer.parseInt(f[5]),
                        function == null && module != null ? offset : null,
                        module == null ? offset : null, null, null, null);
                threads.computeIfAbsent(Integer.parseInt(f[0]), k -> new ArrayList<>()).add(frame);
            }
        }
        List<CrashThread> list = new ArrayList<>();
        int expected = 0;
        for (Map.Entry<Integer, List<Frame>> entry : threads.entrySet()) {
            while (expected < entry.getKey()) {
                list.add(CrashThread.of(List.of()));
                expected++;
            }
            list.add(CrashThread.of(entry.getValue()));
            expected++;
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        if (reason != null) {
            annotations.put("reason", reason);
        }
        return new CrashData(os, crashingThread, list, annotations);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
