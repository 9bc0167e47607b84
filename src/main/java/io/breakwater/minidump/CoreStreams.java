package io.breakwater.minidump;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Decoders for the streams the stack walker depends on. */
final class CoreStreams {

    static final int THREAD_SIZE = 48;
    static final int MODULE_SIZE = 108;
    static final int MEMORY_DESCRIPTOR_SIZE = 16;
    static final int SYSTEM_INFO_SIZE = 56;
    static final int EXCEPTION_STREAM_SIZE = 168;
    /** Breakpad caps CodeView records; real ones are a few hundred bytes. */
    static final int MAX_CV_RECORD = 64 * 1024;
    /** Memory64List descriptor counts beyond this are not real (full dumps have a few thousand). */
    static final long MAX_MEMORY64_REGIONS = 1 << 20;
    /** Budget charges (approximate heap bytes) of decoded objects. */
    static final long CONTEXT_COST = 1024, MODULE_COST = 256, REGION_COST = 64;

    private CoreStreams() {}

    // ------------------------------------------------------------------ SystemInfo

    static SystemInfo systemInfo(Minidump dump) {
        Section s = dump.section(StreamEntry.SYSTEM_INFO);
        if (s == null) return null;
        if (s.length < 32) {
            dump.note("SystemInfo stream: " + s.length + " bytes, need at least 32");
            return null;
        }
        int arch = s.u16(0);
        int level = s.u16(2);
        int revision = s.u16(4);
        int processors = s.u8(6);
        int productType = s.u8(7);
        long major = s.u32(8);
        long minor = s.u32(12);
        long build = s.u32(16);
        long platform = s.u32(20);
        long csdRva = s.u32(24);
        String csd = Strings.minidumpString(dump, csdRva);
        if (csd == null && csdRva != 0) dump.note("SystemInfo stream: CSD version string at " + Strings.hex(csdRva) + " unreadable");

        Cpu cpu = cpuFromArchitecture(arch);
        String vendor = null;
        if ((arch == 0 || arch == 10) && s.has(32, 12)) {
            String v = Strings.cString(s.bytes(32, 12)).trim();
            vendor = v.isEmpty() ? null : v;
        }
        String cpuInfo = switch (cpu) {
            case X86, AMD64 -> (vendor != null ? vendor + " " : "")
                    + String.format(Locale.ROOT, "family %d model %d stepping %d", level, revision >> 8, revision & 0xff);
            case ARM -> s.has(32, 8) ? armCpuInfo(level, s.u32(32), s.u32(36)) : "";
            default -> "";
        };
        String os = osName(platform);
        String osVersion = major + "." + minor + "." + build + (csd != null ? " " + csd : "");
        return new SystemInfo(cpu, arch, level, revision, processors, productType, major, minor, build, platform,
                csd, os, osVersion, vendor, cpuInfo);
    }

    static Cpu cpuFromArchitecture(int arch) {
        return switch (arch) {
            case 0, 10 -> Cpu.X86;
            case 9 -> Cpu.AMD64;
            case 5 -> Cpu.ARM;
            case 12, 0x8003 -> Cpu.ARM64;
            case 3 -> Cpu.PPC;
            case 0x8002 -> Cpu.PPC64;
            case 0x8001 -> Cpu.SPARC;
            case 1 -> Cpu.MIPS;
            case 0x8004 -> Cpu.MIPS64;
            default -> Cpu.UNKNOWN;
        };
    }

    static String osName(long platform) {
        return switch ((int) platform) {
            case 1 -> "Windows";
            case 2 -> "Windows NT";
            case 3 -> "Windows CE";
            case 0x8000 -> "Unix";
            case 0x8101 -> "Mac OS X";
            case 0x8102 -> "iOS";
            case 0x8201 -> "Linux";
            case 0x8202 -> "Solaris";
            case 0x8203 -> "Android";
            case 0x8204 -> "PS3";
            case 0x8205 -> "NaCl";
            case 0x8206 -> "Fuchsia";
            default -> String.format(Locale.ROOT, "0x%08x", platform);
        };
    }

    /** ARM cpu description in Breakpad's style: "ARMv7 ARM Cortex-A9 features: swp,half,...". */
    static String armCpuInfo(int level, long cpuid, long hwcaps) {
        StringBuilder sb = new StringBuilder("ARMv").append(level);
        if (cpuid != 0) {
            int implementer = (int) ((cpuid >>> 24) & 0xff);
            String vendor = switch (implementer) {
                case 0x41 -> "ARM";
                case 0x51 -> "Qualcomm";
                case 0x56 -> "Marvell";
                case 0x69 -> "Intel/Marvell";
                default -> String.format(Locale.ROOT, "vendor(0x%x)", implementer);
            };
            sb.append(' ').append(vendor);
            long part = cpuid & 0xff00fff0L;
            String partName = ARM_PARTS.get(part);
            sb.append(' ').append(partName != null ? partName : String.format(Locale.ROOT, "part(0x%x)", part));
        }
        if (hwcaps != 0) {
            sb.append(" features: ");
            String comma = "";
            for (int i = 0; i < ARM_HWCAPS.length; i++) {
                if ((hwcaps & (1L << i)) != 0) {
                    sb.append(comma).append(ARM_HWCAPS[i]);
                    comma = ",";
                }
            }
        }
        return sb.toString();
    }

    private static final java.util.Map<Long, String> ARM_PARTS = java.util.Map.ofEntries(
            java.util.Map.entry(0x4100c050L, "Cortex-A5"), java.util.Map.entry(0x4100c080L, "Cortex-A8"),
            java.util.Map.entry(0x4100c090L, "Cortex-A9"), java.util.Map.entry(0x4100c0f0L, "Cortex-A15"),
            java.util.Map.entry(0x4100c140L, "Cortex-R4"), java.util.Map.entry(0x4100c150L, "Cortex-R5"),
            java.util.Map.entry(0x4100b360L, "ARM1136"), java.util.Map.entry(0x4100b560L, "ARM1156"),
            java.util.Map.entry(0x4100b760L, "ARM1176"), java.util.Map.entry(0x4100b020L, "ARM11-MPCore"),
            java.util.Map.entry(0x41009260L, "ARM926"), java.util.Map.entry(0x41009460L, "ARM946"),
            java.util.Map.entry(0x41009660L, "ARM966"), java.util.Map.entry(0x510006f0L, "Krait"),
            java.util.Map.entry(0x510000f0L, "Scorpion"));

    /** Linux ARM HWCAP bits 0..18 in bit order. */
    private static final String[] ARM_HWCAPS = {"swp", "half", "thumb", "26bit", "fastmult", "fpa", "vfpv2", "edsp",
            "java", "iwmmxt", "crunch", "thumbee", "neon", "vfpv3", "vfpv3d16", "tls", "vfpv4", "idiva", "idivt"};

    // ------------------------------------------------------------------ list streams

    /**
     * Header size of a "count then records" list: Microsoft's writer may pad the u32 count to 8 bytes.
     * Returns the usable entry count (capped by what the stream can hold, with a note).
     */
    static long[] listLayout(Minidump dump, Section s, int recordSize, String what) {
        if (s.length < 4) {
            dump.note(what + " stream: " + s.length + " bytes, too short for its count");
            return new long[] {4, 0};
        }
        long count = s.u32(0);
        long header = 4;
        if (count > 0 && s.length == 8 + count * recordSize) header = 8;
        long capacity = s.capacity(header, recordSize);
        if (count > capacity) {
            dump.note(what + " stream: declares " + count + " entries but only " + capacity + " fit in "
                    + s.length + " bytes");
            count = capacity;
        }
        return new long[] {header, count};
    }

    // ------------------------------------------------------------------ threads

    static List<MinidumpThread> threads(Minidump dump) {
        long type = StreamEntry.THREAD_LIST;
        int recordSize = THREAD_SIZE;
        if (!dump.hasStream(type) && dump.hasStream(StreamEntry.THREAD_EX_LIST)) {
            type = StreamEntry.THREAD_EX_LIST;
            recordSize = THREAD_SIZE + MEMORY_DESCRIPTOR_SIZE; // adds the IA-64 backing store
        }
        Section s = dump.section(type);
        if (s == null) return List.of();
        long[] layout = listLayout(dump, s, recordSize, "ThreadList");
        Cpu hint = dump.cpu();
        List<MinidumpThread> out = new ArrayList<>((int) layout[1]);
        for (long i = 0; i < layout[1]; i++) {
            if (!dump.charge(CONTEXT_COST)) break;
            long at = layout[0] + i * recordSize;
            long tid = s.u32(at);
            String label = "thread " + i + " (id " + Strings.hex(tid) + ")";
            long stackStart = s.u64(at + 24);
            long stackSize = s.u32(at + 32);
            long stackRva = s.u32(at + 36);
            long contextSize = s.u32(at + 40);
            long contextRva = s.u32(at + 44);
            MemoryRegion stack = memoryRegion(dump, stackStart, stackSize, stackRva, label + " stack");
            if (stack == null && stackSize != 0) {
                stack = dump.memory().regionAt(stackStart);
            }
            CpuContext context = context(dump, contextRva, contextSize, hint, label);
            out.add(new MinidumpThread(tid, s.u32(at + 4), s.u32(at + 8), s.u32(at + 12), s.u64(at + 16), context, stack));
        }
        return List.copyOf(out);
    }

    static CpuContext context(Minidump dump, long rva, long size, Cpu hint, String label) {
        if (size == 0) {
            dump.note(label + ": no context record");
            return null;
        }
        if (rva < Minidump.HEADER_SIZE) {
            dump.note(label + ": context record at " + Strings.hex(rva) + " overlaps the header");
            return null;
        }
        Section data = Section.clamp(dump.view(), rva, size);
        if (data == null || data.length < size) {
            dump.note(label + ": context record " + Strings.hex(rva) + "+" + size + " runs outside the file");
            if (data == null) return null;
        }
        return ContextReader.read(data, hint, dump::note, label);
    }

    /** A region of captured memory, clamped to the file; null when none of it is in the file. */
    static MemoryRegion memoryRegion(Minidump dump, long base, long size, long rva, String label) {
        if (size == 0) return null;
        // Full-memory dumps leave rva 0 in thread stacks (the bytes live in the Memory64List);
        // anything inside the header cannot be memory either way.
        if (rva < Minidump.HEADER_SIZE) return null;
        Section data = Section.clamp(dump.view(), rva, size);
        if (data == null) {
            dump.note(label + ": memory at " + Strings.hex(rva) + "+" + size + " is outside the file");
            return null;
        }
        if (data.length < size) {
            dump.note(label + ": memory at " + Strings.hex(rva) + " declares " + size + " bytes, file holds " + data.length);
        }
        return new FileMemoryRegion(base, data);
    }

    // ------------------------------------------------------------------ memory

    static MemoryList memory(Minidump dump) {
        List<MemoryRegion> regions = new ArrayList<>();
        Section s = dump.section(StreamEntry.MEMORY_LIST);
        if (s != null) {
            long[] layout = listLayout(dump, s, MEMORY_DESCRIPTOR_SIZE, "MemoryList");
            for (long i = 0; i < layout[1] && dump.charge(REGION_COST); i++) {
                long at = layout[0] + i * MEMORY_DESCRIPTOR_SIZE;
                MemoryRegion r = memoryRegion(dump, s.u64(at), s.u32(at + 8), s.u32(at + 12), "MemoryList region " + i);
                if (r != null) regions.add(r);
            }
        }
        Section s64 = dump.section(StreamEntry.MEMORY64_LIST);
        if (s64 != null) memory64(dump, s64, regions);
        return new RegionList(regions);
    }

    private static void memory64(Minidump dump, Section s, List<MemoryRegion> regions) {
        if (s.length < 16) {
            dump.note("Memory64List stream: " + s.length + " bytes, too short for its header");
            return;
        }
        long count = s.u64(0);
        long baseRva = s.u64(8);
        long capacity = s.capacity(16, MEMORY_DESCRIPTOR_SIZE);
        if (Long.compareUnsigned(count, capacity) > 0) {
            dump.note("Memory64List stream: declares " + Long.toUnsignedString(count) + " regions but only "
                    + capacity + " fit");
            count = capacity;
        }
        if (count > MAX_MEMORY64_REGIONS) {
            dump.note("Memory64List stream: reading the first " + MAX_MEMORY64_REGIONS + " of " + count + " regions");
            count = MAX_MEMORY64_REGIONS;
        }
        long fileSize = dump.view().size();
        long offset = baseRva;
        for (long i = 0; i < count && dump.charge(REGION_COST); i++) {
            long base = s.u64(16 + i * MEMORY_DESCRIPTOR_SIZE);
            long size = s.u64(24 + i * MEMORY_DESCRIPTOR_SIZE);
            if (offset < 0 || offset >= fileSize) {
                dump.note("Memory64List stream: region " + i + " and later lie past the end of the file");
                return;
            }
            long available = fileSize - offset;
            if (size < 0 || size > available) {
                dump.note("Memory64List stream: region " + i + " declares " + Long.toUnsignedString(size)
                        + " bytes, file holds " + available);
                regions.add(new FileMemoryRegion(base, new Section(dump.view(), offset, available)));
                return;
            }
            if (size > 0) regions.add(new FileMemoryRegion(base, new Section(dump.view(), offset, size)));
            offset += size;
        }
    }

    // ------------------------------------------------------------------ modules

    static List<MinidumpModule> modules(Minidump dump) {
        Section s = dump.section(StreamEntry.MODULE_LIST);
        if (s == null) return List.of();
        long[] layout = listLayout(dump, s, MODULE_SIZE, "ModuleList");
        long platform = dump.systemInfo().map(SystemInfo::platformId).orElse(-1L);
        List<MinidumpModule> out = new ArrayList<>((int) layout[1]);
        for (long i = 0; i < layout[1] && dump.charge(MODULE_COST); i++) {
            out.add(module(dump, s.sub(layout[0] + i * MODULE_SIZE, MODULE_SIZE), platform, i));
        }
        return List.copyOf(out);
    }

    private static MinidumpModule module(Minidump dump, Section m, long platform, long index) {
        long base = m.u64(0);
        long size = m.u32(8);
        long checksum = m.u32(12);
        long timestamp = m.u32(16);
        long nameRva = m.u32(20);
        String codeFile = Strings.minidumpString(dump, nameRva);
        if (codeFile == null) {
            dump.note("module " + index + " at " + Strings.hex(base) + ": name at " + Strings.hex(nameRva) + " unreadable");
            codeFile = "";
        }
        String version = null;
        if (m.u32(24) == 0xfeef04bdL && (m.u32(28) & 0x10000) != 0) {
            long hi = m.u32(32), lo = m.u32(36);
            version = (hi >>> 16) + "." + (hi & 0xffff) + "." + (lo >>> 16) + "." + (lo & 0xffff);
        }
        CodeView cv = codeView(dump, m.u32(76), m.u32(80), index);
        String debugFile;
        String debugId;
        String codeId;
        boolean windows = platform == 1 || platform == 2 || platform == 3;
        boolean apple = platform == 0x8101 || platform == 0x8102;
        if (cv instanceof CodeView.Elf elf) {
            debugFile = codeFile.substring(codeFile.lastIndexOf('/') + 1);
            debugId = elf.debugId();
            codeId = Strings.hexLower(elf.buildId());
        } else if (cv instanceof CodeView.Pdb70 pdb) {
            debugFile = pdb.file();
            debugId = pdb.debugId();
            codeId = apple ? pdb.guid().toLowerCase(Locale.ROOT) : peCodeId(timestamp, size, windows || platform < 0);
        } else if (cv instanceof CodeView.Pdb20 pdb) {
            debugFile = pdb.file();
            debugId = pdb.debugId();
            codeId = peCodeId(timestamp, size, true);
        } else {
            debugFile = miscRecordName(dump, m.u32(84), m.u32(88));
            debugId = "";
            codeId = peCodeId(timestamp, size, windows);
        }
        return new MinidumpModule(base, size, checksum, timestamp, codeFile, codeId, debugFile, debugId, version);
    }

    private static String peCodeId(long timestamp, long size, boolean applies) {
        if (!applies) return null;
        return Strings.upperHex(timestamp, 8) + Long.toHexString(size);
    }

    /** CodeView debug records: which debug file and id the module's symbols are filed under. */
    sealed interface CodeView {
        record Pdb70(String guid, long age, String file) implements CodeView {
            String debugId() { return guid + Long.toHexString(age).toUpperCase(Locale.ROOT); }
        }

        record Pdb20(long signature, long age, String file) implements CodeView {
            String debugId() {
                return Strings.upperHex(signature, 8) + Strings.upperHex(age, 1);
            }
        }

        record Elf(byte[] buildId) implements CodeView {
            /** Breakpad's id: the first 16 bytes as a little-endian GUID, then age 0. */
            String debugId() {
                byte[] g = java.util.Arrays.copyOf(buildId, 16);
                return Strings.guidCompact(g) + "0";
            }
        }
    }

    static CodeView codeView(Minidump dump, long size, long rva, long index) {
        if (size == 0) return null;
        Section cv = Section.clamp(dump.view(), rva, Math.min(size, MAX_CV_RECORD));
        if (cv == null || cv.length < 4) {
            dump.note("module " + index + ": CodeView record at " + Strings.hex(rva) + "+" + size + " unreadable");
            return null;
        }
        if (!dump.charge(cv.length)) return null;
        long signature = cv.u32(0);
        if (signature == 0x53445352L) { // RSDS
            if (cv.length < 24) {
                dump.note("module " + index + ": PDB70 CodeView record too short (" + cv.length + " bytes)");
                return null;
            }
            String guid = Strings.guidCompact(cv.bytes(4, 16));
            return new CodeView.Pdb70(guid, cv.u32(20), Strings.cString(cv.bytes(24, (int) (cv.length - 24))));
        }
        if (signature == 0x3031424eL) { // NB10
            if (cv.length < 16) {
                dump.note("module " + index + ": PDB20 CodeView record too short (" + cv.length + " bytes)");
                return null;
            }
            return new CodeView.Pdb20(cv.u32(8), cv.u32(12), Strings.cString(cv.bytes(16, (int) (cv.length - 16))));
        }
        if (signature == 0x4270454cL) { // BpEL
            int n = (int) Math.min(cv.length - 4, 1024);
            return new CodeView.Elf(cv.bytes(4, n));
        }
        dump.note("module " + index + ": unknown CodeView signature " + Strings.hex(signature));
        return null;
    }

    /** IMAGE_DEBUG_MISC (pre-CodeView PE modules): the debug file name, else empty. */
    private static String miscRecordName(Minidump dump, long size, long rva) {
        if (size < 12) return "";
        Section misc = Section.clamp(dump.view(), rva, Math.min(size, MAX_CV_RECORD));
        if (misc == null || misc.length < 12 || misc.u32(0) != 1) return ""; // 1 = IMAGE_DEBUG_MISC_EXENAME
        long length = Math.min(misc.u32(4), misc.length);
        if (length <= 12 || !dump.charge(2 * length)) return "";
        byte[] data = misc.bytes(12, (int) (length - 12));
        return misc.u8(8) != 0 ? Strings.utf16(data, data.length / 2) : Strings.cString(data);
    }

    // ------------------------------------------------------------------ exception

    static MinidumpException exception(Minidump dump) {
        Section s = dump.section(StreamEntry.EXCEPTION);
        if (s == null) return null;
        if (s.length < 32) {
            dump.note("Exception stream: " + s.length + " bytes, need at least 32");
            return null;
        }
        long tid = s.u32(0);
        long code = s.u32(8);
        long flags = s.u32(12);
        long record = s.u64(16);
        long address = s.u64(24);
        long count = s.has(32, 4) ? s.u32(32) : 0;
        if (count > 15) {
            dump.note("Exception stream: " + count + " parameters declared, at most 15 exist");
            count = 15;
        }
        long fit = s.length >= 40 ? (s.length - 40) / 8 : 0;
        if (count > fit) {
            dump.note("Exception stream: only " + fit + " of " + count + " parameters are present");
            count = fit;
        }
        long[] parameters = new long[(int) count];
        for (int i = 0; i < count; i++) parameters[i] = s.u64(40 + 8L * i);
        CpuContext context = null;
        if (s.has(160, 8)) {
            context = context(dump, s.u32(164), s.u32(160), dump.cpu(), "exception context");
        } else {
            dump.note("Exception stream: " + s.length + " bytes, too short for the context location");
        }
        return new MinidumpException(tid, code, flags, record, address, parameters, context);
    }
}
