package io.breakwater.minidump;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Decoders for the informational streams (process info, Linux, Crashpad, macOS extensions). */
final class ExtraStreams {

    /** Text streams larger than this are cut (a /proc/self/maps of a huge process is a few MB). */
    static final int MAX_TEXT_BYTES = 16 * 1024 * 1024;
    static final long ENTRY_COST = 64, MAPPING_COST = 160;
    /** Lists of small records beyond this length are cut; no real dump comes close. */
    static final long MAX_ENTRIES = 1 << 20;
    static final int MAC_CRASH_INFO_MAX_RECORDS = 20;
    static final int MAC_CRASH_INFO_MAX_STRING = 8192;

    private ExtraStreams() {}

    private static long capped(Minidump dump, String what, long declared, long capacity) {
        long count = declared;
        if (Long.compareUnsigned(count, capacity) > 0) {
            dump.note(what + ": declares " + Long.toUnsignedString(declared) + " entries but only " + capacity + " fit");
            count = capacity;
        }
        if (count > MAX_ENTRIES) {
            dump.note(what + ": reading the first " + MAX_ENTRIES + " of " + count + " entries");
            count = MAX_ENTRIES;
        }
        return count;
    }

    // ------------------------------------------------------------------ thread names

    static Map<Long, String> threadNames(Minidump dump) {
        Section s = dump.section(StreamEntry.THREAD_NAMES);
        if (s == null) return Map.of();
        if (s.length < 4) {
            dump.note("ThreadNames stream: too short for its count");
            return Map.of();
        }
        long count = capped(dump, "ThreadNames stream", s.u32(0), s.capacity(4, 12));
        Map<Long, String> names = new LinkedHashMap<>();
        long bad = 0;
        for (long i = 0; i < count && !dump.budgetExhausted(); i++) {
            long tid = s.u32(4 + 12 * i);
            String name = Strings.minidumpString(dump, s.u64(8 + 12 * i));
            if (name == null) bad++;
            else names.putIfAbsent(tid, name);
        }
        if (bad > 0) dump.note("ThreadNames stream: " + bad + " names unreadable");
        return Collections.unmodifiableMap(names);
    }

    // ------------------------------------------------------------------ unloaded modules, memory info

    static List<UnloadedModule> unloadedModules(Minidump dump) {
        Section s = dump.section(StreamEntry.UNLOADED_MODULE_LIST);
        if (s == null) return List.of();
        if (s.length < 12) {
            dump.note("UnloadedModuleList stream: too short for its header");
            return List.of();
        }
        long header = s.u32(0);
        long entry = s.u32(4);
        if (header < 12 || entry < 24) {
            dump.note("UnloadedModuleList stream: header size " + header + " / entry size " + entry + " too small");
            return List.of();
        }
        long count = capped(dump, "UnloadedModuleList stream", s.u32(8), s.capacity(header, entry));
        List<UnloadedModule> out = new ArrayList<>((int) count);
        for (long i = 0; i < count && dump.charge(ENTRY_COST); i++) {
            long at = header + i * entry;
            String name = Strings.minidumpString(dump, s.u32(at + 20));
            out.add(new UnloadedModule(s.u64(at), s.u32(at + 8), s.u32(at + 12), s.u32(at + 16), name == null ? "" : name));
        }
        return List.copyOf(out);
    }

    static List<MemoryInfo> memoryInfo(Minidump dump) {
        Section s = dump.section(StreamEntry.MEMORY_INFO_LIST);
        if (s == null) return List.of();
        if (s.length < 16) {
            dump.note("MemoryInfoList stream: too short for its header");
            return List.of();
        }
        long header = s.u32(0);
        long entry = s.u32(4);
        if (header < 16 || entry < 48) {
            dump.note("MemoryInfoList stream: header size " + header + " / entry size " + entry + " too small");
            return List.of();
        }
        long count = capped(dump, "MemoryInfoList stream", s.u64(8), s.capacity(header, entry));
        List<MemoryInfo> out = new ArrayList<>((int) count);
        for (long i = 0; i < count && dump.charge(ENTRY_COST); i++) {
            long at = header + i * entry;
            out.add(new MemoryInfo(s.u64(at), s.u64(at + 8), s.u32(at + 16), s.u64(at + 24), s.u32(at + 32),
                    s.u32(at + 36), s.u32(at + 40)));
        }
        return List.copyOf(out);
    }

    // ------------------------------------------------------------------ MiscInfo, Breakpad info, assertion

    static MiscInfo miscInfo(Minidump dump) {
        Section s = dump.section(StreamEntry.MISC_INFO);
        if (s == null) return null;
        if (s.length < 24) {
            dump.note("MiscInfo stream: " + s.length + " bytes, need at least 24");
            return null;
        }
        long declared = s.u32(0);
        long size = Math.min(declared, s.length);
        if (declared > s.length) dump.note("MiscInfo stream: declares " + declared + " bytes, stream has " + s.length);
        long f = s.u32(4);
        Long pid = (f & 0x1) != 0 ? s.u32(8) : null;
        Long create = null, user = null, kernel = null;
        if ((f & 0x2) != 0) {
            create = s.u32(12);
            user = s.u32(16);
            kernel = s.u32(20);
        }
        Long maxMhz = null, curMhz = null, limitMhz = null;
        if (size >= 44 && (f & 0x4) != 0) {
            maxMhz = s.u32(24);
            curMhz = s.u32(28);
            limitMhz = s.u32(32);
        }
        Long integrity = null, execute = null, protectedProcess = null, tzId = null;
        Integer tzBias = null;
        String standardName = null, daylightName = null;
        if (size >= 232) {
            if ((f & 0x10) != 0) integrity = s.u32(44);
            if ((f & 0x20) != 0) execute = s.u32(48);
            if ((f & 0x80) != 0) protectedProcess = s.u32(52);
            if ((f & 0x40) != 0) {
                tzId = s.u32(56);
                tzBias = (int) s.u32(60);
                standardName = Strings.utf16(s.bytes(64, 64), 32);
                daylightName = Strings.utf16(s.bytes(148, 64), 32);
            }
        }
        String build = null, dbgBuild = null;
        if (size >= 832 && (f & 0x100) != 0) {
            build = Strings.utf16(s.bytes(232, 520), 260);
            dbgBuild = Strings.utf16(s.bytes(752, 80), 40);
        }
        Long cookie = size >= 1364 && (f & 0x200) != 0 ? s.u32(1360) : null;
        return new MiscInfo(declared, f, pid, create, user, kernel, maxMhz, curMhz, limitMhz, integrity, execute,
                protectedProcess, tzId, tzBias, standardName, daylightName, build, dbgBuild, cookie);
    }

    static BreakpadInfo breakpadInfo(Minidump dump) {
        Section s = dump.section(StreamEntry.BREAKPAD_INFO);
        if (s == null) return null;
        if (s.length < 12) {
            dump.note("BreakpadInfo stream: " + s.length + " bytes, need 12");
            return null;
        }
        return new BreakpadInfo(s.u32(0), s.u32(4), s.u32(8));
    }

    static AssertionInfo assertion(Minidump dump) {
        Section s = dump.section(StreamEntry.ASSERTION_INFO);
        if (s == null) return null;
        if (s.length < 776) {
            dump.note("AssertionInfo stream: " + s.length + " bytes, need 776");
            return null;
        }
        return new AssertionInfo(Strings.utf16(s.bytes(0, 256), 128), Strings.utf16(s.bytes(256, 256), 128),
                Strings.utf16(s.bytes(512, 256), 128), s.u32(768), s.u32(772));
    }

    // ------------------------------------------------------------------ Crashpad

    static CrashpadInfo crashpadInfo(Minidump dump) {
        Section s = dump.section(StreamEntry.CRASHPAD_INFO);
        if (s == null) return null;
        if (s.length < 4) {
            dump.note("CrashpadInfo stream: too short for its version");
            return null;
        }
        long version = s.u32(0);
        String reportId = s.has(4, 16) ? Strings.guidDashed(s.bytes(4, 16)) : null;
        String clientId = s.has(20, 16) ? Strings.guidDashed(s.bytes(20, 16)) : null;
        Map<String, String> simple = s.has(36, 8) ? dictionary(dump, s.u32(36), s.u32(40), "CrashpadInfo simple annotations") : Map.of();
        List<CrashpadInfo.ModuleInfo> modules = new ArrayList<>();
        if (s.has(44, 8) && s.u32(44) != 0) {
            Section list = located(dump, s.u32(44), s.u32(48), "CrashpadInfo module list");
            if (list != null && list.length >= 4) {
                long count = capped(dump, "CrashpadInfo module list", list.u32(0), list.capacity(4, 12));
                for (long i = 0; i < count && dump.charge(ENTRY_COST); i++) {
                    long at = 4 + 12 * i;
                    CrashpadInfo.ModuleInfo m = moduleCrashpadInfo(dump, list.u32(at), list.u32(at + 4), list.u32(at + 8));
                    if (m != null) modules.add(m);
                }
            }
        }
        return new CrashpadInfo(version, reportId, clientId, simple, List.copyOf(modules));
    }

    /** A location descriptor's target, clamped to the file; null (with a note) when outside it. */
    private static Section located(Minidump dump, long size, long rva, String what) {
        if (size == 0) return null;
        Section s = Section.clamp(dump.view(), rva, size);
        if (s == null) {
            dump.note(what + ": " + Strings.hex(rva) + "+" + size + " is outside the file");
            return null;
        }
        if (s.length < size) dump.note(what + ": declares " + size + " bytes, file holds " + s.length);
        return s;
    }

    private static CrashpadInfo.ModuleInfo moduleCrashpadInfo(Minidump dump, long index, long size, long rva) {
        String what = "CrashpadInfo module " + index;
        Section m = located(dump, size, rva, what);
        if (m == null || m.length < 4) return null;
        List<String> list = new ArrayList<>();
        if (m.has(4, 8) && m.u32(4) != 0) {
            Section rvas = located(dump, m.u32(4), m.u32(8), what + " list annotations");
            if (rvas != null && rvas.length >= 4) {
                long count = capped(dump, what + " list annotations", rvas.u32(0), rvas.capacity(4, 4));
                long bad = 0;
                for (long i = 0; i < count && dump.charge(ENTRY_COST); i++) {
                    String v = Strings.utf8String(dump, rvas.u32(4 + 4 * i));
                    if (v != null) list.add(v);
                    else bad++;
                }
                if (bad > 0) dump.note(what + ": " + bad + " list annotations unreadable");
            }
        }
        Map<String, String> simple = m.has(12, 8) ? dictionary(dump, m.u32(12), m.u32(16), what + " simple annotations") : Map.of();
        List<CrashpadInfo.Annotation> objects = new ArrayList<>();
        if (m.has(20, 8) && m.u32(20) != 0) {
            Section objs = located(dump, m.u32(20), m.u32(24), what + " annotation objects");
            if (objs != null && objs.length >= 4) {
                long count = capped(dump, what + " annotation objects", objs.u32(0), objs.capacity(4, 12));
                long bad = 0;
                for (long i = 0; i < count && dump.charge(ENTRY_COST); i++) {
                    long at = 4 + 12 * i;
                    String name = Strings.utf8String(dump, objs.u32(at));
                    byte[] value = name == null ? null : byteArray(dump, objs.u32(at + 8));
                    if (value == null) bad++;
                    else objects.add(new CrashpadInfo.Annotation(name, objs.u16(at + 4), value));
                }
                if (bad > 0) dump.note(what + ": " + bad + " annotation objects unreadable");
            }
        }
        return new CrashpadInfo.ModuleInfo(index, List.copyOf(list), simple, List.copyOf(objects));
    }

    /** MinidumpSimpleStringDictionary: u32 count, then (key rva, value rva) pairs of UTF-8 strings. */
    private static Map<String, String> dictionary(Minidump dump, long size, long rva, String what) {
        if (size == 0 && rva == 0) return Map.of();
        Section d = located(dump, size, rva, what);
        if (d == null || d.length < 4) return Map.of();
        long count = capped(dump, what, d.u32(0), d.capacity(4, 8));
        Map<String, String> out = new LinkedHashMap<>();
        long bad = 0;
        for (long i = 0; i < count && dump.charge(ENTRY_COST); i++) {
            String key = Strings.utf8String(dump, d.u32(4 + 8 * i));
            String value = key == null ? null : Strings.utf8String(dump, d.u32(8 + 8 * i));
            if (value == null) bad++;
            else out.putIfAbsent(key, value);
        }
        if (bad > 0) dump.note(what + ": " + bad + " entries unreadable");
        return Collections.unmodifiableMap(out);
    }

    /** MinidumpByteArray: u32 length then the bytes. */
    private static byte[] byteArray(Minidump dump, long rva) {
        ByteView v = dump.view();
        if (rva <= 0 || !v.contains(rva, 4)) return null;
        long length = v.u32(rva);
        if (!v.contains(rva + 4, length)) return null;
        int n = (int) Math.min(length, Strings.MAX_STRING_BYTES);
        if (!dump.charge(64 + n)) return null;
        return v.bytes(rva + 4, n);
    }

    // ------------------------------------------------------------------ macOS

    static List<MacCrashInfo> macCrashInfo(Minidump dump) {
        Section s = dump.section(StreamEntry.MOZ_MACOS_CRASH_INFO);
        if (s == null) return List.of();
        if (s.length < 12) {
            dump.note("MozMacosCrashInfo stream: too short for its header");
            return List.of();
        }
        long count = s.u32(4);
        long startSize = s.u32(8);
        long fit = Math.min(MAC_CRASH_INFO_MAX_RECORDS, s.capacity(12, 8));
        if (count > fit) {
            dump.note("MozMacosCrashInfo stream: declares " + count + " records, at most " + fit + " readable");
            count = fit;
        }
        List<MacCrashInfo> out = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            String what = "MozMacosCrashInfo record " + i;
            Section r = located(dump, s.u32(12 + 8 * i), s.u32(16 + 8 * i), what);
            if (r == null) continue;
            if (r.length < 16 || startSize < 16 || startSize > r.length) {
                dump.note(what + ": " + r.length + " bytes with fixed part of " + startSize + " bytes is malformed");
                continue;
            }
            long version = r.u64(8);
            long thread = startSize >= 24 ? r.u64(16) : 0;
            long dialog = startSize >= 32 ? r.u64(24) : 0;
            Long abort = version >= 5 && startSize >= 40 ? r.u64(32) : null;
            String[] strings = new String[5];
            long at = startSize;
            for (int k = 0; k < 5; k++) {
                long end = Math.min(r.length, at + MAC_CRASH_INFO_MAX_STRING);
                long nul = at;
                while (nul < end && r.u8(nul) != 0) nul++;
                strings[k] = at < r.length ? Strings.utf8(r.bytes(at, (int) (nul - at))) : "";
                at = nul + 1;
            }
            out.add(new MacCrashInfo(version, thread, dialog, abort, strings[0], strings[1], strings[2], strings[3], strings[4]));
        }
        return List.copyOf(out);
    }

    static String macBootArgs(Minidump dump) {
        Section s = dump.section(StreamEntry.MOZ_MACOS_BOOTARGS);
        if (s == null) return null;
        if (s.length < 12) {
            dump.note("MozMacosBootargs stream: too short");
            return null;
        }
        return Strings.minidumpString(dump, s.u64(4));
    }

    // ------------------------------------------------------------------ Linux

    static String text(Minidump dump, long type) {
        Section s = dump.section(type);
        if (s == null) return null;
        int n = (int) Math.min(s.length, MAX_TEXT_BYTES);
        if (n < s.length) dump.note(StreamEntry.typeName(type) + " stream: text cut at " + n + " of " + s.length + " bytes");
        if (!dump.charge(2L * n)) return null;
        return Strings.utf8(s.bytes(0, n));
    }

    /** Lines or NUL-separated entries beyond this are ignored (real files have a few hundred). */
    static final int MAX_ITEMS = 65536;

    /** Splits {@code text} at {@code separator} without building one huge array; at most {@code max} parts. */
    static List<String> split(String text, char separator, int max) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start < text.length() && out.size() < max) {
            int end = text.indexOf(separator, start);
            if (end < 0) end = text.length();
            if (end > start) out.add(text.substring(start, end));
            start = end + 1;
        }
        return out;
    }

    /** "key<sep>value" lines; values trimmed and unquoted. */
    static Map<String, String> keyValues(String text, char separator) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : split(text, '\n', MAX_ITEMS)) {
            int at = line.indexOf(separator);
            if (at <= 0) continue;
            String key = line.substring(0, at).trim();
            String value = line.substring(at + 1).trim();
            if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                    && value.charAt(value.length() - 1) == value.charAt(0)) {
                value = value.substring(1, value.length() - 1);
            }
            out.putIfAbsent(key, value);
        }
        return out;
    }

    static List<String> nulSeparated(String text) {
        return split(text, '\0', MAX_ITEMS);
    }

    static List<AuxvEntry> auxv(Minidump dump) {
        Section s = dump.section(StreamEntry.LINUX_AUXV);
        if (s == null) return List.of();
        int word = dump.cpu().pointerSize();
        long count = Math.min(s.length / (2L * word), MAX_ENTRIES);
        List<AuxvEntry> out = new ArrayList<>((int) count);
        for (long i = 0; i < count && dump.charge(32); i++) {
            long at = i * 2 * word;
            long type = word == 8 ? s.u64(at) : s.u32(at);
            long value = word == 8 ? s.u64(at + word) : s.u32(at + word);
            out.add(new AuxvEntry(type, value));
            if (type == 0) break; // AT_NULL ends the vector
        }
        return List.copyOf(out);
    }

    static List<LinuxMapping> maps(Minidump dump) {
        String text = text(dump, StreamEntry.LINUX_MAPS);
        if (text == null) return List.of();
        List<LinuxMapping> out = new ArrayList<>();
        int bad = 0;
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) end = text.length();
            String line = text.substring(start, end);
            start = end + 1;
            if (line.isBlank()) continue;
            if (!dump.charge(MAPPING_COST)) break;
            LinuxMapping m = parseMapsLine(line);
            if (m != null) out.add(m);
            else bad++;
        }
        if (bad > 0) dump.note("LinuxMaps stream: " + bad + " unparsable lines skipped");
        return List.copyOf(out);
    }

    /** "start-end perms offset dev inode [path]" as in /proc/self/maps. */
    static LinuxMapping parseMapsLine(String line) {
        String[] f = line.trim().split("\\s+", 6);
        if (f.length < 5) return null;
        int dash = f[0].indexOf('-');
        if (dash <= 0) return null;
        try {
            long start = Long.parseUnsignedLong(f[0].substring(0, dash), 16);
            long end = Long.parseUnsignedLong(f[0].substring(dash + 1), 16);
            long offset = Long.parseUnsignedLong(f[2], 16);
            long inode = Long.parseUnsignedLong(f[4]);
            return new LinuxMapping(start, end, f[1], offset, f[3], inode, f.length > 5 ? f[5].trim() : "");
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static DsoDebug dsoDebug(Minidump dump) {
        Section s = dump.section(StreamEntry.LINUX_DSO_DEBUG);
        if (s == null) return null;
        boolean wide = dump.cpu().pointerSize() == 8;
        int headerSize = wide ? 36 : 24;
        int entrySize = wide ? 20 : 12;
        if (s.length < headerSize) {
            dump.note("LinuxDsoDebug stream: " + s.length + " bytes, need " + headerSize);
            return null;
        }
        long version = s.u32(0);
        long mapRva = s.u32(4);
        long declared = s.u32(8);
        long brk = wide ? s.u64(12) : s.u32(12);
        long ldBase = wide ? s.u64(20) : s.u32(16);
        long dynamic = wide ? s.u64(28) : s.u32(20);
        List<DsoDebug.LinkMap> maps = new ArrayList<>();
        if (declared > 0) {
            Section m = Section.clamp(dump.view(), mapRva, declared * entrySize);
            if (m == null) {
                dump.note("LinuxDsoDebug stream: link map array at " + Strings.hex(mapRva) + " is outside the file");
            } else {
                long count = capped(dump, "LinuxDsoDebug link maps", declared, m.capacity(0, entrySize));
                for (long i = 0; i < count && dump.charge(ENTRY_COST); i++) {
                    long at = i * entrySize;
                    long addr = wide ? m.u64(at) : m.u32(at);
                    long nameRva = wide ? m.u32(at + 8) : m.u32(at + 4);
                    long ld = wide ? m.u64(at + 12) : m.u32(at + 8);
                    String name = Strings.minidumpString(dump, nameRva);
                    maps.add(new DsoDebug.LinkMap(addr, name == null ? "" : name, ld));
                }
            }
        }
        return new DsoDebug(version, declared, brk, ldBase, dynamic, List.copyOf(maps));
    }
}
