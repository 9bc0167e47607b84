package io.breakwater.minidump;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * A parsed minidump. Opening reads the header and stream directory; streams are decoded on first
 * access. Malformed streams yield empty results and an entry in {@link #notes()}, never an exception
 * escaping an accessor. Instances are safe to share between threads.
 */
public final class Minidump implements AutoCloseable {

    static final long SIGNATURE = 0x504d444dL; // "MDMP"
    static final int HEADER_VERSION = 0xa793;
    static final int HEADER_SIZE = 32;
    static final int DIRECTORY_ENTRY_SIZE = 12;
    /** Far above any real dump (Windows writes about 20 streams); keeps a lying count cheap. */
    static final int MAX_STREAMS = 4096;

    private final ByteView view;
    private final long version;
    private final long checksum;
    private final long timeDateStamp;
    private final long flags;
    private final List<StreamEntry> directory;
    private final Map<Long, StreamEntry> streamsByType;
    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());
    /**
     * Decoding budget in approximate bytes of Java objects: a fixed allowance plus twice the file size.
     * Lists whose entries all point at the same large string or record could otherwise expand a
     * small file into gigabytes; every decoded string, context, module and region is charged here.
     */
    private final java.util.concurrent.atomic.AtomicLong budget;
    private final java.util.concurrent.atomic.AtomicBoolean budgetNoted = new java.util.concurrent.atomic.AtomicBoolean();
    static final long BASE_BUDGET = 16L << 20;

    private final Lazy<Optional<SystemInfo>> systemInfo = new Lazy<>(Optional.empty());
    private final Lazy<List<MinidumpThread>> threads = new Lazy<>(List.of());
    private final Lazy<Map<Long, String>> threadNames = new Lazy<>(Map.of());
    private final Lazy<List<MinidumpModule>> modules = new Lazy<>(List.of());
    private final Lazy<IntervalIndex<MinidumpModule>> moduleIndex = new Lazy<>(null);
    private final Lazy<List<UnloadedModule>> unloadedModules = new Lazy<>(List.of());
    private final Lazy<Optional<MinidumpException>> exception = new Lazy<>(Optional.empty());
    private final Lazy<MemoryList> memory = new Lazy<>(null);
    private final Lazy<List<MemoryInfo>> memoryInfo = new Lazy<>(List.of());
    private final Lazy<Optional<MiscInfo>> miscInfo = new Lazy<>(Optional.empty());
    private final Lazy<Optional<BreakpadInfo>> breakpadInfo = new Lazy<>(Optional.empty());
    private final Lazy<Optional<AssertionInfo>> assertion = new Lazy<>(Optional.empty());
    private final Lazy<Optional<CrashpadInfo>> crashpadInfo = new Lazy<>(Optional.empty());
    private final Lazy<List<MacCrashInfo>> macCrashInfo = new Lazy<>(List.of());
    private final Lazy<Optional<String>> macBootArgs = new Lazy<>(Optional.empty());
    private final Lazy<List<LinuxMapping>> linuxMaps = new Lazy<>(List.of());
    private final Lazy<List<AuxvEntry>> linuxAuxv = new Lazy<>(List.of());
    private final Lazy<Optional<DsoDebug>> linuxDsoDebug = new Lazy<>(Optional.empty());
    private final Map<Long, Lazy<Optional<String>>> texts = new HashMap<>();
    /** Stream types whose bad range was already noted (several accessors may read one stream). */
    private final java.util.Set<Long> rangeNoted = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private Minidump(ByteView view) throws MinidumpFormatException {
        this.view = view;
        long size = view.size();
        this.budget = new java.util.concurrent.atomic.AtomicLong(BASE_BUDGET + 2 * size);
        if (size == 0) throw new MinidumpFormatException("empty file: no minidump header");
        long signature = size >= 4 ? view.u32(0) : 0;
        if (signature != SIGNATURE) {
            if (looksLikeMicrodump(view)) {
                throw new MinidumpFormatException("this is a text microdump, not a minidump; microdumps are not supported");
            }
            if (signature == Long.reverseBytes(SIGNATURE) >>> 32) {
                throw new MinidumpFormatException("big-endian minidumps are not supported");
            }
            throw new MinidumpFormatException("not a minidump: signature " + Strings.hex(signature)
                    + " instead of 0x504d444d (\"MDMP\")");
        }
        if (size < HEADER_SIZE) {
            throw new MinidumpFormatException("truncated minidump header: file has " + size + " bytes, header needs 32");
        }
        version = view.u32(4);
        long streamCount = view.u32(8);
        long directoryRva = view.u32(12);
        checksum = view.u32(16);
        timeDateStamp = view.u32(20);
        flags = view.u64(24);
        if ((version & 0xffff) != HEADER_VERSION) {
            note("header version " + Strings.hex(version) + " is not 0xa793; reading anyway");
        }
        if (streamCount > 0 && directoryRva >= size) {
            throw new MinidumpFormatException("stream directory at " + Strings.hex(directoryRva)
                    + " is outside the file (" + size + " bytes)");
        }
        long fits = (size - Math.min(size, directoryRva)) / DIRECTORY_ENTRY_SIZE;
        long count = streamCount;
        if (count > fits) {
            if (fits == 0) {
                throw new MinidumpFormatException("stream directory declares " + streamCount
                        + " entries but none fits in the file");
            }
            note("stream directory declares " + streamCount + " entries but only " + fits + " fit in the file");
            count = fits;
        }
        if (count > MAX_STREAMS) {
            note("stream directory declares " + count + " entries; reading the first " + MAX_STREAMS);
            count = MAX_STREAMS;
        }
        List<StreamEntry> entries = new ArrayList<>((int) count);
        Map<Long, StreamEntry> byType = new HashMap<>();
        for (int i = 0; i < count; i++) {
            long at = directoryRva + (long) i * DIRECTORY_ENTRY_SIZE;
            StreamEntry e = new StreamEntry(i, view.u32(at), view.u32(at + 8), view.u32(at + 4));
            entries.add(e);
            if (e.type() == 0) continue; // unused slot
            StreamEntry first = byType.putIfAbsent(e.type(), e);
            if (first != null) {
                note("duplicate " + StreamEntry.typeName(e.type()) + " stream at directory index " + i
                        + " ignored (first at index " + first.index() + ")");
            }
        }
        this.directory = List.copyOf(entries);
        this.streamsByType = byType;
        checkOverlaps(directoryRva, count == streamCount ? count : 0);
    }

    /**
     * Streams overlapping the header or directory are dropped (no writer produces them, and their
     * contents would be header bytes); streams overlapping each other are only noted. A directory
     * whose count was cut is not checked: its tail is garbage anyway.
     */
    private void checkOverlaps(long directoryRva, long count) {
        long directoryEnd = directoryRva + count * DIRECTORY_ENTRY_SIZE;
        List<StreamEntry> kept = new ArrayList<>();
        for (StreamEntry e : List.copyOf(streamsByType.values())) {
            long end = e.rva() + e.size();
            boolean hitsHeader = e.size() > 0 && e.rva() < HEADER_SIZE;
            boolean hitsDirectory = e.size() > 0 && e.rva() < directoryEnd && end > directoryRva;
            if (hitsHeader || hitsDirectory) {
                note(StreamEntry.typeName(e.type()) + " stream at " + Strings.hex(e.rva()) + "+" + e.size()
                        + " overlaps the " + (hitsHeader ? "header" : "stream directory") + "; ignored");
                streamsByType.remove(e.type());
            } else if (e.size() > 0) {
                kept.add(e);
            }
        }
        kept.sort(java.util.Comparator.comparingLong(StreamEntry::rva));
        for (int i = 1; i < kept.size(); i++) {
            StreamEntry a = kept.get(i - 1), b = kept.get(i);
            if (b.rva() < a.rva() + a.size()) {
                note(StreamEntry.typeName(a.type()) + " and " + StreamEntry.typeName(b.type()) + " streams overlap");
            }
        }
    }

    private static boolean looksLikeMicrodump(ByteView view) {
        int n = (int) Math.min(view.size(), 64 * 1024);
        String head = new String(view.bytes(0, n), StandardCharsets.ISO_8859_1);
        return head.contains("BEGIN BREAKPAD MICRODUMP");
    }

    /** Memory-maps {@code file}. Throws {@link MinidumpFormatException} only when the header itself is unusable. */
    public static Minidump open(Path file) throws MinidumpFormatException {
        ByteView view;
        try {
            view = ByteView.map(file);
        } catch (IOException e) {
            throw new MinidumpFormatException("cannot read " + file + ": " + e.getMessage());
        }
        return new Minidump(view);
    }

    /** Parses an in-memory dump (tests, uploads already in memory). */
    public static Minidump of(byte[] bytes) throws MinidumpFormatException {
        return new Minidump(ByteView.of(bytes));
    }

    // ---------------------------------------------------------------- header and directory

    public long headerVersion() { return version; }

    public long checksum() { return checksum; }

    /** Time the dump was written, seconds since the Unix epoch. */
    public long timeDateStamp() { return timeDateStamp; }

    public long headerFlags() { return flags; }

    public long fileSize() { return view.size(); }

    /** The stream directory as declared, including unused and duplicate entries. */
    public List<StreamEntry> streams() { return directory; }

    /** The first directory entry of {@code type}. */
    public Optional<StreamEntry> stream(long type) { return Optional.ofNullable(streamsByType.get(type)); }

    public boolean hasStream(long type) { return streamsByType.containsKey(type); }

    /**
     * The part of stream {@code type} that lies inside the file, or null; notes a declared range that
     * runs past the end of the file.
     */
    Section section(long type) {
        StreamEntry e = streamsByType.get(type);
        if (e == null) return null;
        Section s = Section.clamp(view, e.rva(), e.size());
        if ((s == null || s.length < e.size()) && !rangeNoted.add(type)) return s;
        if (s == null) {
            note(StreamEntry.typeName(type) + " stream: range " + Strings.hex(e.rva()) + "+" + e.size()
                    + " is outside the file (" + view.size() + " bytes)");
            return null;
        }
        if (s.length < e.size()) {
            note(StreamEntry.typeName(type) + " stream: declared " + e.size() + " bytes at " + Strings.hex(e.rva())
                    + " but the file ends after " + s.length + "; reading what is present");
        }
        return s;
    }

    ByteView view() { return view; }

    /** Takes {@code units} from the decoding budget; false (noted once) when it is exhausted. */
    boolean charge(long units) {
        if (budget.addAndGet(-Math.max(0, units)) >= 0) return true;
        if (budgetNoted.compareAndSet(false, true)) {
            note("decoding budget exhausted: the streams describe far more data than the file holds; further entries skipped");
        }
        return false;
    }

    boolean budgetExhausted() { return budget.get() < 0; }

    void note(String message) {
        if (notes.size() < 10_000) notes.add(message);
    }

    // ---------------------------------------------------------------- core streams

    public Optional<SystemInfo> systemInfo() {
        return systemInfo.get(() -> Optional.ofNullable(CoreStreams.systemInfo(this)), "SystemInfo");
    }

    /** The CPU from SystemInfo, or UNKNOWN. */
    public Cpu cpu() { return systemInfo().map(SystemInfo::cpu).orElse(Cpu.UNKNOWN); }

    public List<MinidumpThread> threads() {
        return threads.get(() -> CoreStreams.threads(this), "ThreadList");
    }

    /** The thread with {@code threadId}, if listed. */
    public Optional<MinidumpThread> thread(long threadId) {
        for (MinidumpThread t : threads()) if (t.threadId() == threadId) return Optional.of(t);
        return Optional.empty();
    }

    /** Thread id to name, from the ThreadNames stream. */
    public Map<Long, String> threadNames() {
        return threadNames.get(() -> ExtraStreams.threadNames(this), "ThreadNames");
    }

    public Optional<String> threadName(long threadId) {
        return Optional.ofNullable(threadNames().get(threadId));
    }

    /** Modules in dump order. */
    public List<MinidumpModule> modules() {
        return modules.get(() -> CoreStreams.modules(this), "ModuleList");
    }

    /** The main executable: the first module of the list, as Breakpad and rust-minidump take it. */
    public Optional<MinidumpModule> mainModule() {
        List<MinidumpModule> list = modules();
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    /** The module whose address range holds {@code address}, or null. */
    public MinidumpModule moduleAt(long address) {
        IntervalIndex<MinidumpModule> index = moduleIndex();
        return index == null ? null : index.find(address);
    }

    /** Modules sorted by base address; a module wholly inside an earlier one is left out. */
    public List<MinidumpModule> modulesByAddress() {
        IntervalIndex<MinidumpModule> index = moduleIndex();
        return index == null ? List.of() : index.sorted();
    }

    private IntervalIndex<MinidumpModule> moduleIndex() {
        return moduleIndex.get(
                () -> new IntervalIndex<>(modules(), MinidumpModule::baseAddress, MinidumpModule::size), "module index");
    }

    public List<UnloadedModule> unloadedModules() {
        return unloadedModules.get(() -> ExtraStreams.unloadedModules(this), "UnloadedModuleList");
    }

    public Optional<MinidumpException> exception() {
        return exception.get(() -> Optional.ofNullable(CoreStreams.exception(this)), "Exception");
    }

    public MemoryList memory() {
        MemoryList m = memory.get(() -> CoreStreams.memory(this), "MemoryList");
        return m != null ? m : RegionList.EMPTY;
    }

    public List<MemoryInfo> memoryInfo() {
        return memoryInfo.get(() -> ExtraStreams.memoryInfo(this), "MemoryInfoList");
    }

    /** The MemoryInfoList entry covering {@code address}, if any. */
    public Optional<MemoryInfo> memoryInfoAt(long address) {
        for (MemoryInfo m : memoryInfo()) if (m.contains(address)) return Optional.of(m);
        return Optional.empty();
    }

    // ---------------------------------------------------------------- process information

    public Optional<MiscInfo> miscInfo() {
        return miscInfo.get(() -> Optional.ofNullable(ExtraStreams.miscInfo(this)), "MiscInfo");
    }

    /** The process id from MiscInfo, or from /proc status (Pid:) in Linux dumps. */
    public OptionalLong processId() {
        Optional<MiscInfo> misc = miscInfo();
        if (misc.isPresent() && misc.get().processId() != null) return OptionalLong.of(misc.get().processId());
        String pid = linuxProcStatus().get("Pid");
        if (pid != null) {
            try {
                return OptionalLong.of(Long.parseLong(pid.trim()));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }

    public Optional<BreakpadInfo> breakpadInfo() {
        return breakpadInfo.get(() -> Optional.ofNullable(ExtraStreams.breakpadInfo(this)), "BreakpadInfo");
    }

    /** The thread that wrote the dump (Breakpad's handler thread), when recorded. */
    public OptionalLong dumpThreadId() {
        return breakpadInfo().map(BreakpadInfo::dumpThreadId).orElse(OptionalLong.empty());
    }

    /** The thread that asked for the dump, when recorded. */
    public OptionalLong requestingThreadId() {
        return breakpadInfo().map(BreakpadInfo::requestingThreadId).orElse(OptionalLong.empty());
    }

    /** The exception's thread, else the requesting thread. */
    public OptionalLong crashingThreadId() {
        Optional<MinidumpException> e = exception();
        if (e.isPresent()) return OptionalLong.of(e.get().threadId());
        return requestingThreadId();
    }

    public Optional<AssertionInfo> assertion() {
        return assertion.get(() -> Optional.ofNullable(ExtraStreams.assertion(this)), "AssertionInfo");
    }

    public Optional<CrashpadInfo> crashpadInfo() {
        return crashpadInfo.get(() -> Optional.ofNullable(ExtraStreams.crashpadInfo(this)), "CrashpadInfo");
    }

    public List<MacCrashInfo> macCrashInfo() {
        return macCrashInfo.get(() -> ExtraStreams.macCrashInfo(this), "MozMacosCrashInfo");
    }

    public Optional<String> macBootArgs() {
        return macBootArgs.get(() -> Optional.ofNullable(ExtraStreams.macBootArgs(this)), "MozMacosBootargs");
    }

    // ---------------------------------------------------------------- Linux streams

    /** A text stream (Linux /proc files, Mozilla's soft errors, comments), decoded as UTF-8. */
    public Optional<String> streamText(long type) {
        Lazy<Optional<String>> lazy;
        synchronized (texts) {
            lazy = texts.computeIfAbsent(type, t -> new Lazy<>(Optional.empty()));
        }
        return lazy.get(() -> Optional.ofNullable(ExtraStreams.text(this, type)), StreamEntry.typeName(type));
    }

    /** The raw bytes of stream {@code type} (the part inside the file), capped at {@code maxBytes}. */
    public Optional<byte[]> streamBytes(long type, int maxBytes) {
        try {
            Section s = section(type);
            if (s == null) return Optional.empty();
            return Optional.of(s.bytes(0, (int) Math.min(s.length, Math.max(0, maxBytes))));
        } catch (RuntimeException e) {
            note(StreamEntry.typeName(type) + " stream unreadable: " + e.getMessage());
            return Optional.empty();
        }
    }

    public Optional<String> linuxCpuInfo() { return streamText(StreamEntry.LINUX_CPU_INFO); }

    /** /proc/self/status as key → value (values trimmed). */
    public Map<String, String> linuxProcStatus() {
        return ExtraStreams.keyValues(streamText(StreamEntry.LINUX_PROC_STATUS).orElse(""), ':');
    }

    /** /etc/lsb-release (or os-release) as key → value, quotes removed. */
    public Map<String, String> linuxLsbRelease() {
        return ExtraStreams.keyValues(streamText(StreamEntry.LINUX_LSB_RELEASE).orElse(""), '=');
    }

    /** The command line, split at NUL bytes. */
    public List<String> linuxCmdLine() {
        return ExtraStreams.nulSeparated(streamText(StreamEntry.LINUX_CMD_LINE).orElse(""));
    }

    /** The environment as name → value in file order. */
    public Map<String, String> linuxEnviron() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : ExtraStreams.nulSeparated(streamText(StreamEntry.LINUX_ENVIRON).orElse(""))) {
            int eq = entry.indexOf('=');
            if (eq > 0) env.putIfAbsent(entry.substring(0, eq), entry.substring(eq + 1));
            else env.putIfAbsent(entry, "");
        }
        return env;
    }

    public List<AuxvEntry> linuxAuxv() {
        return linuxAuxv.get(() -> ExtraStreams.auxv(this), "LinuxAuxv");
    }

    public List<LinuxMapping> linuxMaps() {
        return linuxMaps.get(() -> ExtraStreams.maps(this), "LinuxMaps");
    }

    public Optional<DsoDebug> linuxDsoDebug() {
        return linuxDsoDebug.get(() -> Optional.ofNullable(ExtraStreams.dsoDebug(this)), "LinuxDsoDebug");
    }

    /** Problems met while decoding, in the order found. */
    public List<String> notes() {
        synchronized (notes) {
            return List.copyOf(notes);
        }
    }

    @Override
    public void close() {
        // Mapped buffers are released by the garbage collector; nothing holds the file open.
    }

    /**
     * Decodes a value once. Any failure while decoding (including a read the bounds checks refused)
     * becomes a note and the fallback value, so accessors never throw.
     */
    private final class Lazy<T> {
        private final T fallback;
        private volatile boolean done;
        private T value;

        Lazy(T fallback) { this.fallback = fallback; }

        T get(Supplier<T> decode, String what) {
            if (done) return value;
            synchronized (this) {
                if (!done) {
                    T v;
                    try {
                        v = decode.get();
                    } catch (ByteView.OutOfBounds e) {
                        note(what + " stream unreadable: " + e.getMessage());
                        v = fallback;
                    } catch (RuntimeException e) {
                        note(what + " stream could not be decoded: " + e);
                        v = fallback;
                    }
                    value = v == null ? fallback : v;
                    done = true;
                }
                return value;
            }
        }
    }
}
