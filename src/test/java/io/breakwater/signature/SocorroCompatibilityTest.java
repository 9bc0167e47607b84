package io.breakwater.signature;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Loaded with Socorro-style lists, the generator gives what Socorro's documented algorithm gives:
 * checked against an independent, literal implementation of the siglists README on random stacks, and
 * on Socorro's own test expectations restated.
 */
class SocorroCompatibilityTest {

    /** Socorro-style list lines (Python syntax) and the same lines written by hand in Java syntax. */
    private static final List<String[]> IRRELEVANT = List.of(
            new String[]{"(Nt|Zw)?WaitForSingleObject(Ex)?", "(Nt|Zw)?WaitForSingleObject(Ex)?"},
            new String[]{"KiFastSystemCallRet", "KiFastSystemCallRet"},
            new String[]{"(?P<k>kernel)base\\.dll", "(?<k>kernel)base\\.dll"},
            new String[]{"sys_", "sys_"},
            new String[]{"RtlUserThreadStart", "RtlUserThreadStart"},
            new String[]{"style::{{impl}}::skip", "style::\\{\\{impl\\}\\}::skip"});
    private static final List<String[]> PREFIX = List.of(
            new String[]{"mozalloc_abort", "mozalloc_abort"},
            new String[]{"NS_DebugBreak", "NS_DebugBreak"},
            new String[]{"(?P<m>mem)(cpy|set)", "(?<m>mem)(cpy|set)"},
            new String[]{"js::.*::Call", "js::.*::Call"},
            new String[]{"prefix\\d{,2}$", "prefix\\d{0,2}$"},
            // Module-only frames as prefixes, so runs of them reach the repeat rule.
            new String[]{"bar\\.so$", "bar\\.so$"},
            new String[]{"foo\\.dll", "foo\\.dll"});
    private static final List<String> SENTINELS = List.of("_purecall", "SENTINEL_FRAME");

    private static final String[] FUNCTIONS = {
            "NtWaitForSingleObject", "WaitForSingleObjectEx", "KiFastSystemCallRet", "sys_read", "RtlUserThreadStart",
            "style::{{impl}}::skip", "mozalloc_abort", "NS_DebugBreak", "memcpy", "memset", "js::jit::Call",
            "prefix7", "prefix123", "_purecall", "SENTINEL_FRAME", "app::main", "app::work", "Foo::bar"};
    private static final String[][] MODULE_FRAMES = {
            {"KERNELBASE.dll", "0x1a"}, {"foo.dll", "0x2"}, {"foo.dll", "0x3"}, {"bar.so", "0x10"}, {"FOO.DLL", "0x4"}};

    @TempDir
    Path dir;

    private SignatureGenerator generator;

    @BeforeEach
    void writeLists() throws IOException {
        Files.writeString(dir.resolve(SignatureLists.SENTINELS), "# sentinels\n" + String.join("\n", SENTINELS) + "\n");
        Files.writeString(dir.resolve(SignatureLists.IRRELEVANT), "# irrelevant\n\n" + python(IRRELEVANT));
        Files.writeString(dir.resolve(SignatureLists.PREFIX), python(PREFIX));
        Files.writeString(dir.resolve(SignatureLists.LINE_NUMBERS), "fnNeedNumber\n");
        generator = SignatureGenerator.socorroCompatible(SignatureLists.fromDirectory(dir));
    }

    private static String python(List<String[]> lines) {
        StringBuilder out = new StringBuilder();
        lines.forEach(l -> out.append(l[0]).append('\n'));
        return out.toString();
    }

    private static boolean matchesAny(List<String[]> lines, String frame) {
        for (String[] line : lines) {
            if (Pattern.compile(line[1]).matcher(frame).lookingAt()) {
                return true;
            }
        }
        return false;
    }

    /** The siglists README, step by step, followed by whitespace clean-up and truncation. */
    private static String documentedAlgorithm(List<String> frames) {
        int start = -1;
        for (String sentinel : SENTINELS) {
            int at = frames.indexOf(sentinel);
            if (at >= 0 && (start < 0 || at < start)) {
                start = at;
            }
        }
        List<String> stack = start >= 0 ? frames.subList(start, frames.size()) : frames;
        List<String> kept = new ArrayList<>();
        for (String frame : stack) {
            if (matchesAny(IRRELEVANT, frame)) {
                continue;
            }
            String item = frame;
            if (item.toLowerCase().contains(".dll")) {
                item = item.split("@")[0];
            }
            // Repeated module-only frames (.dll, .so, XUL, <name omitted>, <unknown in ...>) count once.
            boolean moduleOnly = item.toLowerCase().contains(".dll") || item.endsWith(".so") || item.equals("XUL")
                    || item.contains("<name omitted>") || item.contains("<unknown in ");
            if (moduleOnly && !kept.isEmpty() && kept.get(kept.size() - 1).equals(item)) {
                continue;
            }
            kept.add(item);
            if (!matchesAny(PREFIX, item)) {
                break;
            }
        }
        String signature = String.join(" | ", kept);
        if (signature.isEmpty()) {
            signature = stack.isEmpty() ? "EMPTY: no frame data available" : stack.get(0);
        }
        signature = signature.strip().replaceAll("\\s+", " ");
        return signature.length() > 255 ? signature.substring(0, 252) + "..." : signature;
    }

    @Test
    void randomStacksMatchTheDocumentedAlgorithm() {
        Random random = new Random(20261124);
        for (int round = 0; round < 3000; round++) {
            boolean windows = random.nextBoolean();
            List<Frame> frames = new ArrayList<>();
            List<String> expectedNormalized = new ArrayList<>();
            int count = random.nextInt(50);
            for (int i = 0; i < count; i++) {
                if (random.nextInt(4) == 0) {
                    String[] m = MODULE_FRAMES[random.nextInt(MODULE_FRAMES.length)];
                    frames.add(Frame.ofModuleOffset(m[0], m[1], null));
                    expectedNormalized.add(windows ? m[0].toLowerCase() : m[0]);
                } else {
                    String function = FUNCTIONS[random.nextInt(FUNCTIONS.length)];
                    frames.add(TestCrashes.fn(function));
                    expectedNormalized.add(function);
                }
            }
            CrashData crash = CrashData.of(windows ? "Windows NT" : "Linux", 0, List.of(CrashThread.of(frames)));
            SignatureResult result = generator.generate(crash);
            List<String> normalized = expectedNormalized.subList(0, Math.min(40, expectedNormalized.size()));
            assertEquals(normalized, result.normalizedFrames(), "round " + round);
            assertEquals(documentedAlgorithm(normalized), result.signature(), "round " + round + ": " + normalized);
        }
    }

    @Test
    void socorrosWindowsExpectationRestated() throws IOException {
        Files.writeString(dir.resolve(SignatureLists.IRRELEVANT),
                "(Nt|Zw)?WaitForMultipleObjects(Ex)?\nWaitForMultipleObjectsExImplementation\nRealMsgWaitForMultipleObjectsEx\n");
        Files.writeString(dir.resolve(SignatureLists.PREFIX), "MsgWaitForMultipleObjects\n");
        SignatureGenerator socorro = SignatureGenerator.socorroCompatible(SignatureLists.fromDirectory(dir));
        CrashData crash = TestCrashes.crash("Windows NT",
                TestCrashes.fn("ntdll.dll", "NtWaitForMultipleObjects"),
                TestCrashes.fn("KERNELBASE.dll", "WaitForMultipleObjectsEx"),
                TestCrashes.fn("kernel32.dll", "WaitForMultipleObjectsExImplementation"),
                TestCrashes.fn("user32.dll", "RealMsgWaitForMultipleObjectsEx"),
                TestCrashes.fn("user32.dll", "MsgWaitForMultipleObjects"),
                Frame.ofFunction("NPSWF32_14_0_0_125.dll", "F_1152915508__________________________________",
                        "F117835525________________________________________", 118),
                Frame.ofFunction("NPSWF32_14_0_0_125.dll", "F2166389______________________________________",
                        "F_851861807_______________________________________", 552));
        SignatureResult result = socorro.generate(crash);
        assertEquals("MsgWaitForMultipleObjects | F_1152915508__________________________________", result.signature());
        assertEquals(List.of(), result.notes());
        // Shutdown hang: the watchdog crash is regenerated from thread 0 and prefixed.
        CrashData watchdog = new CrashData("Windows NT", 1, List.of(crash.threads().get(0),
                CrashThread.of(List.of(TestCrashes.fn("xul.dll", "mozilla::`anonymous namespace'::RunWatchdog(void*)")))), null);
        assertEquals("shutdownhang | MsgWaitForMultipleObjects | F_1152915508__________________________________",
                socorro.generate(watchdog).signature());
    }

    @Test
    void socorroModeLeavesBreakwaterExtensionsOut() {
        CrashData crash = TestCrashes.withAnnotations(TestCrashes.functions("app::main"),
                "hang_type", "-1", "abort_message", "bad pointer 0x55d0c2f1a2b0");
        assertEquals("Abort | bad pointer 0x55d0c2f1a2b0 | app::main", generator.generate(crash).signature());
        SignatureGenerator breakwater = new SignatureGenerator(SignatureLists.fromDirectory(dir));
        assertEquals("hang | Abort | bad pointer 0x<addr> | app::main", breakwater.generate(crash).signature());
    }
}
