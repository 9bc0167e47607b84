package io.breakwater.minidump.synth;

import io.breakwater.minidump.Cpu;
import io.breakwater.minidump.Minidump;
import io.breakwater.minidump.MinidumpFormatException;
import io.breakwater.minidump.StreamEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Builds minidumps for tests, in the spirit of rust-minidump's {@code minidump-synth}.
 *
 * <pre>{@code
 * byte[] dump = SynthMinidump.create()
 *     .systemInfo(Cpu.AMD64, SynthMinidump.LINUX)
 *     .module(SynthModule.of(0x400000, 0x1000, "/bin/app").elfBuildId("00112233445566778899aabbccddeeff00112233"))
 *     .thread(0x10, SynthContext.amd64().set("rip", 0x400100).set("rsp", 0x7000), 0x7000, stackBytes)
 *     .exception(0x10, 0xb, 0x45, SynthContext.amd64().set("rip", 0x400100).set("rsp", 0x7000))
 *     .build();
 * }</pre>
 *
 * Thread stacks are also listed in the MemoryList (as Breakpad writes them) unless
 * {@link #stacksInMemoryList(boolean)} turns that off. Streams are written in the order first added;
 * corruption knobs ({@link #streamSize}, {@link #streamRva}, {@link #listCount}, {@link #truncateTo}, ...)
 * are applied to the finished bytes.
 */
public final class SynthMinidump {

    /** Platform ids for {@link #systemInfo(Cpu, long)}. */
    public static final long WINDOWS = 2, MAC = 0x8101, IOS = 0x8102, LINUX = 0x8201, SOLARIS = 0x8202,
            ANDROID = 0x8203, FUCHSIA = 0x8206;

    private interface Encoder {
        /** Writes the stream (auxiliary data first, then the body) and returns {rva, size}. */
        long[] encode(Buf b);
    }

    private record Stream(long type, Encoder encoder) {}

    private record Thread(long id, SynthContext context, long stackBase, byte[] stack) {}

    private record Region(long base, byte[] bytes) {}

    private final List<Stream> streams = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<SynthModule> modules = new ArrayList<>();
    private final List<Region> memory = new ArrayList<>();
    private final List<Region> memory64 = new ArrayList<>();
    private final Map<Long, String> threadNames = new LinkedHashMap<>();
    private final List<Consumer<Patcher>> corruptions = new ArrayList<>();
    private final List<long[]> stackDescriptors = new ArrayList<>(); // base, size, rva
    private long timeDateStamp = 0x5f000000L;
    private boolean stacksInMemoryList = true;
    private int truncateTo = -1;

    private SynthMinidump() {}

    public static SynthMinidump create() { return new SynthMinidump(); }

    private boolean has(long type) {
        for (Stream s : streams) if (s.type == type) return true;
        return false;
    }

    private SynthMinidump addOnce(long type, Encoder e) {
        if (!has(type)) streams.add(new Stream(type, e));
        return this;
    }

    // ------------------------------------------------------------------ header

    public SynthMinidump timeDateStamp(long t) {
        this.timeDateStamp = t;
        return this;
    }

    // ------------------------------------------------------------------ SystemInfo

    /** SystemInfo with a CPU (architecture code derived from it) and a platform id ({@link #LINUX}, ...). */
    public SynthMinidump systemInfo(Cpu cpu, long platformId) {
        int arch = switch (cpu) {
            case X86 -> 0; case AMD64 -> 9; case ARM -> 5; case ARM64 -> 12; case PPC -> 3; case PPC64 -> 0x8002;
            case SPARC -> 0x8001; case MIPS -> 1; case MIPS64 -> 0x8004; default -> 0xffff;
        };
        return systemInfo(s -> s.architecture(arch).platformId(platformId));
    }

    /** SystemInfo with every field settable. */
    public SynthMinidump systemInfo(Consumer<SystemInfoSpec> spec) {
        SystemInfoSpec s = new SystemInfoSpec();
        spec.accept(s);
        streams.removeIf(st -> st.type == StreamEntry.SYSTEM_INFO);
        streams.add(new Stream(StreamEntry.SYSTEM_INFO, b -> {
            int csd = s.csd == null ? 0 : b.minidumpString(s.csd);
            b.align(4);
            int at = b.pos();
            b.u16(s.architecture).u16(s.level).u16(s.revision).u8(s.processors).u8(s.productType)
                    .u32(s.major).u32(s.minor).u32(s.build).u32(s.platformId).u32(csd).u16(0).u16(0);
            byte[] cpu = new byte[24];
            if (s.vendor != null) {
                byte[] v = s.vendor.getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(v, 0, cpu, 0, Math.min(12, v.length));
            } else {
                for (int i = 0; i < 4; i++) cpu[i] = (byte) (s.armCpuid >>> (8 * i));
                for (int i = 0; i < 4; i++) cpu[4 + i] = (byte) (s.armHwcaps >>> (8 * i));
            }
            b.bytes(cpu);
            return new long[] {at, 56};
        }));
        return this;
    }

    /** Fields of the SystemInfo stream. */
    public static final class SystemInfoSpec {
        int architecture = 9, level = 6, revision = 0x4601, processors = 4, productType = 1;
        long major, minor, build, platformId = LINUX;
        String csd;
        String vendor;
        long armCpuid, armHwcaps;

        public SystemInfoSpec architecture(int code) { this.architecture = code; return this; }
        public SystemInfoSpec level(int level) { this.level = level; return this; }
        public SystemInfoSpec revision(int revision) { this.revision = revision; return this; }
        public SystemInfoSpec processors(int n) { this.processors = n; return this; }
        public SystemInfoSpec productType(int t) { this.productType = t; return this; }
        public SystemInfoSpec version(long major, long minor, long build) { this.major = major; this.minor = minor; this.build = build; return this; }
        public SystemInfoSpec platformId(long id) { this.platformId = id; return this; }
        /** The CSD version string (null: no string, rva 0). */
        public SystemInfoSpec csd(String csd) { this.csd = csd; return this; }
        /** x86 vendor id, e.g. "GenuineIntel". */
        public SystemInfoSpec vendor(String vendor) { this.vendor = vendor; return this; }
        public SystemInfoSpec armCpu(long cpuid, long hwcaps) { this.armCpuid = cpuid; this.armHwcaps = hwcaps; return this; }
    }

    // ------------------------------------------------------------------ threads and memory

    /**
     * A thread with a context and stack memory starting at {@code stackBase} (stack may be null). Threads
     * given the same context object or stack array share one copy in the file (amplification dumps).
     */
    public SynthMinidump thread(long threadId, SynthContext context, long stackBase, byte[] stack) {
        threads.add(new Thread(threadId, context, stackBase, stack));
        addOnce(StreamEntry.THREAD_LIST, this::encodeThreads);
        if (stack != null && stacksInMemoryList) addOnce(StreamEntry.MEMORY_LIST, this::encodeMemoryList);
        return this;
    }

    public SynthMinidump stacksInMemoryList(boolean on) {
        this.stacksInMemoryList = on;
        return this;
    }

    public SynthMinidump threadName(long threadId, String name) {
        threadNames.put(threadId, name);
        return addOnce(StreamEntry.THREAD_NAMES, b -> {
            Map<Long, Integer> rvas = new LinkedHashMap<>();
            for (Map.Entry<Long, String> e : threadNames.entrySet()) rvas.put(e.getKey(), b.minidumpString(e.getValue()));
            b.align(4);
            int at = b.pos();
            b.u32(rvas.size());
            for (Map.Entry<Long, Integer> e : rvas.entrySet()) b.u32(e.getKey()).u64(e.getValue());
            return new long[] {at, b.pos() - at};
        });
    }

    /** A MemoryList region. */
    public SynthMinidump memory(long base, byte[] bytes) {
        memory.add(new Region(base, bytes.clone()));
        return addOnce(StreamEntry.MEMORY_LIST, this::encodeMemoryList);
    }

    /** A Memory64List region (full-dump style: data laid out back to back). */
    public SynthMinidump memory64(long base, byte[] bytes) {
        memory64.add(new Region(base, bytes.clone()));
        return addOnce(StreamEntry.MEMORY64_LIST, b -> {
            b.align(8);
            int dataStart = b.pos();
            for (Region r : memory64) b.bytes(r.bytes);
            b.align(8);
            int at = b.pos();
            b.u64(memory64.size()).u64(dataStart);
            for (Region r : memory64) b.u64(r.base).u64(r.bytes.length);
            return new long[] {at, b.pos() - at};
        });
    }

    private long[] encodeThreads(Buf b) {
        List<long[]> rows = new ArrayList<>();
        stackDescriptors.clear();
        // The same context object or stack array given to several threads is written once and shared.
        Map<Object, long[]> written = new java.util.IdentityHashMap<>();
        for (Thread t : threads) {
            long ctxRva = 0, ctxSize = 0, stackRva = 0, stackSize = 0;
            if (t.context != null) {
                long[] at = written.computeIfAbsent(t.context, k -> {
                    byte[] c = t.context.encode();
                    return new long[] {b.blob(c), c.length};
                });
                ctxRva = at[0];
                ctxSize = at[1];
            }
            if (t.stack != null) {
                boolean shared = written.containsKey(t.stack);
                long[] at = written.computeIfAbsent(t.stack, k -> new long[] {b.blob(t.stack), t.stack.length});
                stackRva = at[0];
                stackSize = at[1];
                if (!shared) stackDescriptors.add(new long[] {t.stackBase, stackSize, stackRva});
            }
            rows.add(new long[] {t.id, t.stackBase, stackSize, stackRva, ctxSize, ctxRva});
        }
        b.align(4);
        int at = b.pos();
        b.u32(rows.size());
        for (long[] r : rows) {
            b.u32(r[0]).u32(0).u32(0).u32(0).u64(0).u64(r[1]).u32(r[2]).u32(r[3]).u32(r[4]).u32(r[5]);
        }
        return new long[] {at, b.pos() - at};
    }

    private long[] encodeMemoryList(Buf b) {
        List<long[]> rows = new ArrayList<>();
        if (stacksInMemoryList) rows.addAll(stackDescriptors);
        for (Region r : memory) rows.add(new long[] {r.base, r.bytes.length, b.blob(r.bytes)});
        b.align(4);
        int at = b.pos();
        b.u32(rows.size());
        for (long[] r : rows) b.u64(r[0]).u32(r[1]).u32(r[2]);
        return new long[] {at, b.pos() - at};
    }

    // ------------------------------------------------------------------ modules

    public SynthMinidump module(SynthModule module) {
        modules.add(module);
        return addOnce(StreamEntry.MODULE_LIST, b -> {
            List<long[]> rows = new ArrayList<>();
            for (SynthModule m : modules) {
                long name = b.minidumpString(m.name);
                long cvRva = 0, cvSize = 0;
                if (m.codeView != null) {
                    cvRva = b.blob(m.codeView);
                    cvSize = m.codeView.length;
                }
                rows.add(new long[] {name, cvSize, cvRva});
            }
            b.align(4);
            int at = b.pos();
            b.u32(modules.size());
            for (int i = 0; i < modules.size(); i++) {
                SynthModule m = modules.get(i);
                long[] r = rows.get(i);
                b.u64(m.base).u32(m.size).u32(m.checksum).u32(m.timestamp).u32(r[0]);
                if (m.version != null) {
                    b.u32(0xfeef04bdL).u32(0x10000)
                            .u32(((long) m.version[0] << 16) | m.version[1]).u32(((long) m.version[2] << 16) | m.version[3]);
                    b.zeros(52 - 16);
                } else {
                    b.zeros(52);
                }
                b.u32(r[1]).u32(r[2]).zeros(8).zeros(16);
            }
            return new long[] {at, b.pos() - at};
        });
    }

    public SynthMinidump unloadedModule(long base, long size, long timestamp, String name) {
        List<Object[]> list = unloaded;
        list.add(new Object[] {base, size, timestamp, name});
        return addOnce(StreamEntry.UNLOADED_MODULE_LIST, b -> {
            List<Integer> names = new ArrayList<>();
            for (Object[] u : unloaded) names.add(b.minidumpString((String) u[3]));
            b.align(4);
            int at = b.pos();
            b.u32(12).u32(24).u32(unloaded.size());
            for (int i = 0; i < unloaded.size(); i++) {
                Object[] u = unloaded.get(i);
                b.u64((Long) u[0]).u32((Long) u[1]).u32(0).u32((Long) u[2]).u32(names.get(i));
            }
            return new long[] {at, b.pos() - at};
        });
    }

    private final List<Object[]> unloaded = new ArrayList<>();

    // ------------------------------------------------------------------ exception and process info

    public SynthMinidump exception(long threadId, long code, long address, SynthContext context) {
        return exception(threadId, code, 0, address, new long[0], context);
    }

    public SynthMinidump exception(long threadId, long code, long flags, long address, long[] parameters, SynthContext context) {
        streams.removeIf(s -> s.type == StreamEntry.EXCEPTION);
        streams.add(new Stream(StreamEntry.EXCEPTION, b -> {
            long ctxRva = 0, ctxSize = 0;
            if (context != null) {
                byte[] c = context.encode();
                ctxRva = b.blob(c);
                ctxSize = c.length;
            }
            b.align(4);
            int at = b.pos();
            b.u32(threadId).u32(0).u32(code).u32(flags).u64(0).u64(address).u32(parameters.length).u32(0);
            for (int i = 0; i < 15; i++) b.u64(i < parameters.length ? parameters[i] : 0);
            b.u32(ctxSize).u32(ctxRva);
            return new long[] {at, 168};
        }));
        return this;
    }

    public SynthMinidump breakpadInfo(Long dumpThreadId, Long requestingThreadId) {
        long validity = (dumpThreadId != null ? 1 : 0) | (requestingThreadId != null ? 2 : 0);
        return raw(StreamEntry.BREAKPAD_INFO, new Buf().u32(validity)
                .u32(dumpThreadId == null ? 0 : dumpThreadId).u32(requestingThreadId == null ? 0 : requestingThreadId).toByteArray());
    }

    public SynthMinidump assertion(String expression, String function, String file, long line, long type) {
        Buf b = new Buf();
        for (String s : new String[] {expression, function, file}) {
            byte[] u = s.getBytes(StandardCharsets.UTF_16LE);
            byte[] field = new byte[256];
            System.arraycopy(u, 0, field, 0, Math.min(254, u.length));
            b.bytes(field);
        }
        return raw(StreamEntry.ASSERTION_INFO, b.u32(line).u32(type).toByteArray());
    }

    /** MiscInfo (version 1 layout) with a process id and create time. */
    public SynthMinidump miscInfo(long processId, long processCreateTime) {
        return raw(StreamEntry.MISC_INFO, new Buf().u32(24).u32(0x3).u32(processId).u32(processCreateTime)
                .u32(0).u32(0).toByteArray());
    }

    public SynthMinidump memoryInfo(long base, long size, long state, long protection, long type) {
        memoryInfos.add(new long[] {base, size, state, protection, type});
        return addOnce(StreamEntry.MEMORY_INFO_LIST, b -> {
            b.align(8);
            int at = b.pos();
            b.u32(16).u32(48).u64(memoryInfos.size());
            for (long[] m : memoryInfos) b.u64(m[0]).u64(m[0]).u32(m[3]).u32(0).u64(m[1]).u32(m[2]).u32(m[3]).u32(m[4]).u32(0);
            return new long[] {at, b.pos() - at};
        });
    }

    private final List<long[]> memoryInfos = new ArrayList<>();

    // ------------------------------------------------------------------ Linux, Crashpad, macOS

    public SynthMinidump linuxCpuInfo(String text) { return raw(StreamEntry.LINUX_CPU_INFO, utf8(text)); }

    public SynthMinidump linuxProcStatus(String text) { return raw(StreamEntry.LINUX_PROC_STATUS, utf8(text)); }

    public SynthMinidump linuxLsbRelease(String text) { return raw(StreamEntry.LINUX_LSB_RELEASE, utf8(text)); }

    public SynthMinidump linuxMaps(String text) { return raw(StreamEntry.LINUX_MAPS, utf8(text)); }

    /** The command line: arguments joined with NUL bytes (and a trailing NUL, like /proc). */
    public SynthMinidump linuxCmdLine(String... args) { return raw(StreamEntry.LINUX_CMD_LINE, utf8(String.join("\0", args) + "\0")); }

    public SynthMinidump linuxEnviron(String... entries) { return raw(StreamEntry.LINUX_ENVIRON, utf8(String.join("\0", entries) + "\0")); }

    /** Auxiliary vector as (type, value) pairs written with {@code wordSize}-byte words. */
    public SynthMinidump linuxAuxv(int wordSize, long... pairs) {
        Buf b = new Buf();
        for (long v : pairs) {
            if (wordSize == 8) b.u64(v);
            else b.u32(v);
        }
        return raw(StreamEntry.LINUX_AUXV, b.toByteArray());
    }

    /** DSO debug stream (64-bit layout) with link map entries {address, ld} named by {@code names}. */
    public SynthMinidump linuxDsoDebug64(long brk, long ldBase, long dynamic, long[][] maps, String[] names) {
        return addOnce(StreamEntry.LINUX_DSO_DEBUG, b -> {
            int[] nameRvas = new int[names.length];
            for (int i = 0; i < names.length; i++) nameRvas[i] = b.minidumpString(names[i]);
            b.align(4);
            int mapRva = b.pos();
            for (int i = 0; i < maps.length; i++) b.u64(maps[i][0]).u32(nameRvas[i]).u64(maps[i][1]);
            b.align(4);
            int at = b.pos();
            b.u32(1).u32(maps.length == 0 ? 0 : mapRva).u32(maps.length).u64(brk).u64(ldBase).u64(dynamic);
            return new long[] {at, 36};
        });
    }

    public SynthMinidump crashpadInfo(SynthCrashpad info) {
        return addOnce(StreamEntry.CRASHPAD_INFO, b -> {
            long[] simple = dictionary(b, info.simple);
            List<long[]> links = new ArrayList<>();
            for (SynthCrashpad.Module m : info.modules) {
                int[] rvas = new int[m.list.size()];
                for (int i = 0; i < rvas.length; i++) rvas[i] = b.utf8String(m.list.get(i));
                b.align(4);
                int listAt = b.pos();
                b.u32(rvas.length);
                for (int r : rvas) b.u32(r);
                int listSize = b.pos() - listAt;
                long[] dict = dictionary(b, m.simple);
                int[][] objs = new int[m.objects.size()][];
                for (int i = 0; i < objs.length; i++) {
                    Object[] o = m.objects.get(i);
                    int name = b.utf8String((String) o[0]);
                    byte[] value = (byte[]) o[2];
                    b.align(4);
                    int valueAt = b.pos();
                    b.u32(value.length).bytes(value);
                    objs[i] = new int[] {name, (Integer) o[1], valueAt};
                }
                b.align(4);
                int objsAt = b.pos();
                b.u32(objs.length);
                for (int[] o : objs) b.u32(o[0]).u16(o[1]).u16(0).u32(o[2]);
                int objsSize = b.pos() - objsAt;
                b.align(4);
                int infoAt = b.pos();
                b.u32(1).u32(listSize).u32(listAt).u32(dict[1]).u32(dict[0]).u32(objs.length == 0 ? 0 : objsSize)
                        .u32(objs.length == 0 ? 0 : objsAt);
                links.add(new long[] {m.index, 28, infoAt});
            }
            b.align(4);
            int modulesAt = b.pos();
            b.u32(links.size());
            for (long[] l : links) b.u32(l[0]).u32(l[1]).u32(l[2]);
            int modulesSize = b.pos() - modulesAt;
            b.align(4);
            int at = b.pos();
            b.u32(1).bytes(guid(info.reportId)).bytes(guid(info.clientId))
                    .u32(simple[1]).u32(simple[0]).u32(modulesSize).u32(modulesAt);
            return new long[] {at, 52};
        });
    }

    /** Writes a simple string dictionary; returns {rva, size}. */
    private static long[] dictionary(Buf b, Map<String, String> entries) {
        List<int[]> rvas = new ArrayList<>();
        for (Map.Entry<String, String> e : entries.entrySet()) rvas.add(new int[] {b.utf8String(e.getKey()), b.utf8String(e.getValue())});
        b.align(4);
        int at = b.pos();
        b.u32(rvas.size());
        for (int[] r : rvas) b.u32(r[0]).u32(r[1]);
        return new long[] {at, b.pos() - at};
    }

    /** GUID text (registry form) to its little-endian in-file bytes. */
    static byte[] guid(String text) {
        String hex = text.replace("-", "");
        byte[] raw = HexFormat.of().parseHex(hex);
        Buf b = new Buf();
        b.u32(Long.parseLong(hex.substring(0, 8), 16)).u16(Integer.parseInt(hex.substring(8, 12), 16))
                .u16(Integer.parseInt(hex.substring(12, 16), 16));
        for (int i = 8; i < 16; i++) b.u8(raw[i]);
        return b.toByteArray();
    }

    /** Mozilla's macOS crash info stream with one version-5 record per {@code messages} entry. */
    public SynthMinidump macCrashInfo(String modulePath, String... messages) {
        return addOnce(StreamEntry.MOZ_MACOS_CRASH_INFO, b -> {
            List<long[]> records = new ArrayList<>();
            for (String message : messages) {
                b.align(8);
                int at = b.pos();
                b.u64(StreamEntry.MOZ_MACOS_CRASH_INFO).u64(5).u64(0x1234).u64(0).u64(0x99);
                for (String s : new String[] {modulePath, message, "sig", "bt", "msg2"}) b.bytes(utf8(s)).u8(0);
                records.add(new long[] {b.pos() - at, at});
            }
            b.align(4);
            int at = b.pos();
            b.u32(StreamEntry.MOZ_MACOS_CRASH_INFO).u32(records.size()).u32(40);
            for (int i = 0; i < 20; i++) {
                long[] r = i < records.size() ? records.get(i) : new long[2];
                b.u32(r[0]).u32(r[1]);
            }
            return new long[] {at, b.pos() - at};
        });
    }

    /** Any stream with the given bytes. Adding a type twice writes a duplicate directory entry. */
    public SynthMinidump raw(long type, byte[] data) {
        byte[] copy = data.clone();
        streams.add(new Stream(type, b -> new long[] {b.blob(copy), copy.length}));
        return this;
    }

    private static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    // ------------------------------------------------------------------ corruption knobs

    /** Access to the finished file for corruption knobs. */
    public interface Patcher {
        /** Offset of stream {@code type}'s data (first directory entry of that type). */
        long rva(long type);

        /** Offset of the directory entry of stream {@code type}. */
        long directoryEntry(long type);

        void u32(long offset, long value);

        void u64(long offset, long value);
    }

    /** Declares {@code size} bytes for stream {@code type} in the directory (a lie unless it matches). */
    public SynthMinidump streamSize(long type, long size) {
        corruptions.add(p -> p.u32(p.directoryEntry(type) + 4, size));
        return this;
    }

    /** Points stream {@code type} at {@code rva}. */
    public SynthMinidump streamRva(long type, long rva) {
        corruptions.add(p -> p.u32(p.directoryEntry(type) + 8, rva));
        return this;
    }

    /** Points stream {@code b} at the data of stream {@code a} (overlapping streams). */
    public SynthMinidump overlapStreams(long a, long b) {
        corruptions.add(p -> p.u32(p.directoryEntry(b) + 8, p.rva(a)));
        return this;
    }

    /** Overwrites the leading u32 entry count of a list stream (ThreadList, ModuleList, MemoryList, ...). */
    public SynthMinidump listCount(long type, long count) {
        corruptions.add(p -> p.u32(p.rva(type), count));
        return this;
    }

    /** Overwrites the header's stream count. */
    public SynthMinidump headerStreamCount(long count) {
        corruptions.add(p -> p.u32(8, count));
        return this;
    }

    /** Overwrites the header's directory offset. */
    public SynthMinidump headerDirectoryRva(long rva) {
        corruptions.add(p -> p.u32(12, rva));
        return this;
    }

    /** Writes {@code value} at {@code offset} bytes into stream {@code type}'s data. */
    public SynthMinidump patchStreamU32(long type, long offset, long value) {
        corruptions.add(p -> p.u32(p.rva(type) + offset, value));
        return this;
    }

    /** Any patch of the finished file. */
    public SynthMinidump corrupt(Consumer<Patcher> patch) {
        corruptions.add(patch);
        return this;
    }

    /** Cuts the finished file to {@code length} bytes. */
    public SynthMinidump truncateTo(int length) {
        this.truncateTo = length;
        return this;
    }

    // ------------------------------------------------------------------ output

    public byte[] build() {
        // ThreadList first so the MemoryList can list the stacks it wrote.
        List<Stream> ordered = new ArrayList<>(streams);
        ordered.sort((x, y) -> Boolean.compare(x.type != StreamEntry.THREAD_LIST, y.type != StreamEntry.THREAD_LIST));
        Buf b = new Buf();
        b.u32(0x504d444dL).u32(0xa793).u32(ordered.size()).u32(32).u32(0).u32(timeDateStamp).u64(0);
        b.zeros(12 * ordered.size());
        long[][] located = new long[ordered.size()][];
        for (int i = 0; i < ordered.size(); i++) {
            located[i] = ordered.get(i).encoder.encode(b);
        }
        for (int i = 0; i < ordered.size(); i++) {
            int at = 32 + 12 * i;
            b.patchU32(at, ordered.get(i).type);
            b.patchU32(at + 4, located[i][1]);
            b.patchU32(at + 8, located[i][0]);
        }
        Patcher patcher = new Patcher() {
            private int index(long type) {
                for (int i = 0; i < ordered.size(); i++) if (ordered.get(i).type == type) return i;
                throw new IllegalArgumentException("no stream " + StreamEntry.typeName(type));
            }

            @Override public long rva(long type) { return located[index(type)][0]; }

            @Override public long directoryEntry(long type) { return 32 + 12L * index(type); }

            @Override public void u32(long offset, long value) { b.patchU32((int) offset, value); }

            @Override public void u64(long offset, long value) { b.patchU64((int) offset, value); }
        };
        for (Consumer<Patcher> c : corruptions) c.accept(patcher);
        byte[] out = b.toByteArray();
        return truncateTo >= 0 ? java.util.Arrays.copyOf(out, Math.min(out.length, truncateTo)) : out;
    }

    /** Builds and parses. */
    public Minidump open() throws MinidumpFormatException {
        return Minidump.of(build());
    }
}
