package io.breakwater.stackwalk.output;

import io.breakwater.minidump.Cpu;
import io.breakwater.minidump.SystemInfo;
import io.breakwater.stackwalk.CrashReason;
import io.breakwater.stackwalk.ProcessState;

/** OS and CPU descriptions as Breakpad and rust-minidump word them. */
final class SystemText {

    private SystemText() {}

    static String osName(ProcessState state) {
        SystemInfo s = state.systemInfo();
        if (s == null) return "";
        if (s.os() != null && !s.os().isEmpty()) return s.os();
        long p = s.platformId();
        if (p == CrashReason.OS_WIN32_NT) return "Windows NT";
        if (p == CrashReason.OS_WIN32_WINDOWS) return "Windows";
        if (p == CrashReason.OS_MAC) return "Mac OS X";
        if (p == CrashReason.OS_IOS) return "iOS";
        if (p == CrashReason.OS_LINUX) return "Linux";
        if (p == CrashReason.OS_SOLARIS) return "Solaris";
        if (p == CrashReason.OS_ANDROID) return "Android";
        if (p == CrashReason.OS_PS3) return "PS3";
        if (p == CrashReason.OS_NACL) return "NaCl";
        if (p == CrashReason.OS_FUCHSIA) return "Fuchsia";
        return String.format("0x%08x", p);
    }

    /** "major.minor.build" plus " " and the CSD version when the dump has one (Breakpad). */
    static String breakpadOsVersion(ProcessState state) {
        SystemInfo s = state.systemInfo();
        if (s == null) return "";
        String v = Long.toUnsignedString(s.majorVersion() & 0xFFFF_FFFFL) + "."
                + Long.toUnsignedString(s.minorVersion() & 0xFFFF_FFFFL) + "."
                + Long.toUnsignedString(s.buildNumber() & 0xFFFF_FFFFL);
        return s.csdVersion() != null ? v + " " + s.csdVersion() : v;
    }

    /**
     * rust-minidump's os_ver: Linux dumps carry uname in the CSD ("Linux release version machine"),
     * of which it keeps release and version; other systems read "major.minor.build csd".
     */
    static String rustOsVersion(ProcessState state) {
        SystemInfo s = state.systemInfo();
        if (s == null) return null;
        long p = s.platformId();
        boolean linux = p == CrashReason.OS_LINUX || p == CrashReason.OS_ANDROID;
        String csd = s.csdVersion();
        if (linux && csd != null && s.majorVersion() == 0 && s.minorVersion() == 0 && s.buildNumber() == 0) {
            String[] parts = csd.trim().split(" ", 2);
            if (parts.length == 2) {
                String rest = parts[1];
                int lastSpace = rest.lastIndexOf(' ');
                String withoutMachine = lastSpace > 0 ? rest.substring(0, lastSpace) : rest;
                return withoutMachine;
            }
            return csd;
        }
        String v = Long.toUnsignedString(s.majorVersion() & 0xFFFF_FFFFL) + "."
                + Long.toUnsignedString(s.minorVersion() & 0xFFFF_FFFFL) + "."
                + Long.toUnsignedString(s.buildNumber() & 0xFFFF_FFFFL);
        return csd != null && !csd.isEmpty() ? v + " " + csd : v;
    }

    static String cpuName(ProcessState state) {
        SystemInfo s = state.systemInfo();
        if (s == null) return "";
        if (s.cpu() == Cpu.UNKNOWN) return String.format("0x%04x", s.processorArchitecture());
        return s.cpu().breakpadName();
    }

    /** x86/amd64: "[vendor ]family F model M stepping S"; other CPUs: what the reader decoded. */
    static String cpuInfo(ProcessState state) {
        SystemInfo s = state.systemInfo();
        if (s == null) return "";
        if (s.cpu() == Cpu.X86 || s.cpu() == Cpu.AMD64) {
            String vendor = s.cpuVendor();
            String prefix = vendor != null && !vendor.isEmpty() ? vendor + " " : "";
            return prefix + "family " + (s.processorLevel() & 0xFFFF) + " model " + ((s.processorRevision() >> 8) & 0xFF)
                    + " stepping " + (s.processorRevision() & 0xFF);
        }
        if (s.cpu() == Cpu.ARM64) return "";
        return s.cpuInfo() == null ? "" : s.cpuInfo();
    }
}
