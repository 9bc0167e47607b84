package io.breakwater.stackwalk;

import io.breakwater.minidump.AssertionInfo;
import io.breakwater.minidump.CrashpadInfo;
import io.breakwater.minidump.MacCrashInfo;
import io.breakwater.minidump.Minidump;
import io.breakwater.minidump.MinidumpModule;
import io.breakwater.minidump.MiscInfo;
import io.breakwater.minidump.StreamEntry;
import io.breakwater.minidump.UnloadedModule;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/** Gathers {@link DumpContents} from a parsed {@link Minidump}. */
final class MinidumpAdapter {

    private MinidumpAdapter() {}

    static DumpContents contents(Minidump dump) {
        OptionalLong dumpThread = dump.dumpThreadId();
        OptionalLong requesting = dump.requestingThreadId();
        return new DumpContents(dump.systemInfo().orElse(null), dump.threads(), dump.threadNames(), dump.modules(),
                dump.exception().orElse(null), dump.memory(),
                dumpThread.isPresent() ? dumpThread.getAsLong() : null,
                requesting.isPresent() ? requesting.getAsLong() : null, extras(dump));
    }

    private static DumpExtras extras(Minidump dump) {
        Optional<MiscInfo> misc = dump.miscInfo();
        Long createTime = misc.map(MiscInfo::processCreateTime).orElse(null);
        OptionalLong pid = dump.processId();
        String assertion = dump.assertion().map(MinidumpAdapter::assertionText).orElse(null);

        Map<String, String> lsb = null;
        if (dump.hasStream(StreamEntry.LINUX_LSB_RELEASE)) {
            Map<String, String> raw = dump.linuxLsbRelease();
            lsb = new LinkedHashMap<>();
            lsb.put("id", first(raw, "DISTRIB_ID", "ID"));
            lsb.put("release", first(raw, "DISTRIB_RELEASE", "VERSION_ID"));
            lsb.put("codename", first(raw, "DISTRIB_CODENAME", "VERSION_CODENAME"));
            lsb.put("description", first(raw, "DISTRIB_DESCRIPTION", "PRETTY_NAME"));
        }

        boolean wide = dump.systemInfo().map(s -> s.cpu().pointerSize() == 8).orElse(true);
        List<Map<String, Object>> mac = null;
        if (dump.hasStream(StreamEntry.MOZ_MACOS_CRASH_INFO)) {
            mac = new ArrayList<>();
            for (MacCrashInfo r : dump.macCrashInfo()) {
                Map<String, Object> j = new TreeMap<>();
                j.put("thread", hex(r.thread(), wide));
                j.put("dialog_mode", hex(r.dialogMode(), wide));
                j.put("abort_cause", r.abortCause() == null ? null : hex(r.abortCause(), wide));
                j.put("module", r.modulePath());
                j.put("message", r.message());
                j.put("signature_string", r.signatureString());
                j.put("backtrace", r.backtrace());
                j.put("message2", r.message2());
                mac.add(j);
            }
        }

        Map<String, String> simple = null;
        Map<String, Map<String, String>> perModule = null;
        Optional<CrashpadInfo> crashpad = dump.crashpadInfo();
        if (crashpad.isPresent()) {
            simple = new LinkedHashMap<>(crashpad.get().simpleAnnotations());
            perModule = new LinkedHashMap<>();
            List<MinidumpModule> modules = dump.modules();
            for (CrashpadInfo.ModuleInfo m : crashpad.get().modules()) {
                Map<String, String> values = new LinkedHashMap<>(m.simpleAnnotations());
                for (CrashpadInfo.Annotation a : m.annotationObjects()) values.put(a.name(), a.stringValue());
                for (int i = 0; i < m.listAnnotations().size(); i++) values.put("list[" + i + "]", m.listAnnotations().get(i));
                if (values.isEmpty()) continue;
                String name = m.moduleIndex() >= 0 && m.moduleIndex() < modules.size()
                        ? FrameSymbolizer.basename(modules.get((int) m.moduleIndex()).codeFile())
                        : "module " + m.moduleIndex();
                perModule.merge(name, values, (a, b) -> { a.putAll(b); return a; });
            }
        }

        List<MinidumpModule> unloaded = new ArrayList<>();
        for (UnloadedModule u : dump.unloadedModules()) {
            unloaded.add(new MinidumpModule(u.baseAddress(), u.size(), u.checksum(), u.timeDateStamp(), u.codeFile(),
                    u.codeId(), null, null, null));
        }
        // Entries of /proc/self/maps: its non-empty lines (cheaper than parsing them).
        Integer mapCount = dump.hasStream(StreamEntry.LINUX_MAPS)
                ? (int) dump.streamText(StreamEntry.LINUX_MAPS).orElse("").lines().filter(l -> !l.isBlank()).count()
                : null;
        return new DumpExtras(dump.timeDateStamp(), createTime, pid.isPresent() ? pid.getAsLong() : null, assertion,
                lsb, mac, simple, perModule, unloaded, mapCount, dump.macBootArgs().orElse(null),
                dump.streamText(StreamEntry.MOZ_SOFT_ERRORS).map(MinidumpAdapter::parseJson).orElse(null));
    }

    /** JSON text as sorted maps and lists (serde_json's default ordering); null when malformed. */
    static Object parseJson(String text) {
        try {
            return sorted(new ObjectMapper().readValue(text, Object.class));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Object sorted(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new TreeMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) out.put(String.valueOf(e.getKey()), sorted(e.getValue()));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) out.add(sorted(o));
            return out;
        }
        return v;
    }

    private static String first(Map<String, String> m, String a, String b) {
        String v = m.get(a);
        if (v == null) v = m.get(b);
        return v == null ? "" : v;
    }

    private static String hex(long v, boolean wide) {
        return wide ? String.format("0x%016x", v) : String.format("0x%08x", v & 0xFFFF_FFFFL);
    }

    /** Breakpad's wording of an assertion record. */
    static String assertionText(AssertionInfo a) {
        StringBuilder sb = new StringBuilder();
        if (a.type() == 1) sb.append("Invalid parameter passed to library function");
        else if (a.type() == 2) sb.append("Pure virtual function called");
        else sb.append("Unknown assertion type ").append(String.format("0x%08x", a.type()));
        if (a.expression() != null && !a.expression().isEmpty()) sb.append(' ').append(a.expression());
        if (a.function() != null && !a.function().isEmpty()) sb.append(" in function ").append(a.function());
        if (a.file() != null && !a.file().isEmpty()) sb.append(", in file ").append(a.file());
        if (a.line() != 0) sb.append(" at line ").append(a.line());
        return sb.toString();
    }
}
