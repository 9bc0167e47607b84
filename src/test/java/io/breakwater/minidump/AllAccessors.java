package io.breakwater.minidump;

import java.util.Map;

/** Calls every public accessor of a {@link Minidump} and touches what it returns (for corpus and fuzz runs). */
public final class AllAccessors {

    private AllAccessors() {}

    /** Returns a checksum of what was read so the work cannot be optimised away. */
    public static long run(Minidump d) {
        long sum = d.timeDateStamp() + d.headerVersion() + d.checksum() + d.headerFlags() + d.fileSize();
        for (StreamEntry e : d.streams()) sum += e.type() + StreamEntry.typeName(e.type()).length();
        sum += d.systemInfo().map(s -> s.os().length() + s.osVersion().length() + s.cpuInfo().length() + s.cpu().ordinal()).orElse(0);
        sum += d.cpu().ordinal();
        for (MinidumpThread t : d.threads()) {
            sum += t.threadId() + t.teb();
            if (t.context() != null) sum += touch(t.context());
            if (t.stack() != null) sum += touch(t.stack());
        }
        for (Map.Entry<Long, String> e : d.threadNames().entrySet()) sum += e.getKey() + e.getValue().length();
        for (MinidumpModule m : d.modules()) {
            sum += m.baseAddress() + m.size() + m.codeFile().length() + m.debugFile().length() + m.debugId().length()
                    + (m.codeId() == null ? 0 : m.codeId().length()) + (m.version() == null ? 0 : m.version().length());
            MinidumpModule found = d.moduleAt(m.baseAddress());
            if (found != null) sum += found.size();
            d.moduleAt(m.endAddress() - 1);
        }
        sum += d.modulesByAddress().size();
        d.mainModule();
        d.moduleAt(0);
        d.moduleAt(-1);
        for (UnloadedModule u : d.unloadedModules()) sum += u.baseAddress() + u.codeFile().length() + u.codeId().length();
        sum += d.exception().map(e -> e.code() + e.address() + e.parameters().length
                + (e.context() == null ? 0 : touch(e.context()))).orElse(0L);
        MemoryList memory = d.memory();
        for (MemoryRegion r : memory.regions()) {
            sum += touch(r);
            MemoryRegion at = memory.regionAt(r.baseAddress());
            if (at != null) sum += at.size();
        }
        memory.regionAt(0);
        memory.regionAt(-1);
        for (MemoryInfo m : d.memoryInfo()) sum += m.baseAddress() + m.regionSize() + m.protection();
        d.memoryInfoAt(0);
        sum += d.miscInfo().map(m -> m.flags1()).orElse(0L);
        d.processId();
        d.breakpadInfo();
        d.dumpThreadId();
        d.requestingThreadId();
        d.crashingThreadId();
        sum += d.assertion().map(a -> a.expression().length() + a.typeName().length()).orElse(0);
        sum += d.crashpadInfo().map(c -> {
            long s = c.simpleAnnotations().size();
            for (CrashpadInfo.ModuleInfo m : c.modules()) {
                s += m.listAnnotations().size() + m.simpleAnnotations().size();
                for (CrashpadInfo.Annotation a : m.annotationObjects()) s += a.stringValue().length();
            }
            return s;
        }).orElse(0L);
        for (MacCrashInfo m : d.macCrashInfo()) sum += m.message().length() + m.modulePath().length();
        sum += d.macBootArgs().map(String::length).orElse(0);
        sum += d.linuxCpuInfo().map(String::length).orElse(0);
        sum += d.linuxProcStatus().size() + d.linuxLsbRelease().size() + d.linuxCmdLine().size() + d.linuxEnviron().size();
        sum += d.linuxAuxv().size() + d.linuxMaps().size();
        sum += d.linuxDsoDebug().map(x -> x.linkMaps().size()).orElse(0);
        for (StreamEntry e : d.streams()) {
            sum += d.streamText(e.type()).map(String::length).orElse(0);
            sum += d.streamBytes(e.type(), 4096).map(b -> b.length).orElse(0);
        }
        for (MinidumpThread t : d.threads()) d.threadName(t.threadId());
        sum += d.notes().size();
        return sum;
    }

    private static long touch(CpuContext c) {
        long s = c.contextFlags();
        for (long v : c.registers().values()) s += v;
        if (c.has(c.pcName())) s += c.pc();
        if (c.has(c.spName())) s += c.sp();
        return s;
    }

    private static long touch(MemoryRegion r) {
        long s = r.baseAddress() + r.size();
        long last = r.baseAddress() + r.size() - 1;
        s += r.readU8(r.baseAddress()).orElse(0) + r.readU64(r.baseAddress()).orElse(0);
        s += r.readU8(last).orElse(0) + r.readU32(last - 3).orElse(0) + r.readU64(last).orElse(0);
        s += r.readU16(r.baseAddress() - 1).orElse(0);
        byte[] b = r.readBytes(r.baseAddress(), (int) Math.min(64, r.size()));
        if (b != null) s += b.length;
        return s;
    }
}
