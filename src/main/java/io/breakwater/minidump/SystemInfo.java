package io.breakwater.minidump;

import java.util.regex.Pattern;

/**
 * The SystemInfo stream. {@code os} is Breakpad's name ("Windows NT", "Mac OS X", "iOS", "Linux",
 * "Android", "Solaris", "Fuchsia", ...); {@code osVersion} is "major.minor.build" plus the CSD version.
 */
public record SystemInfo(Cpu cpu, int processorArchitecture, int processorLevel, int processorRevision,
                         int processorCount, int productType, long majorVersion, long minorVersion,
                         long buildNumber, long platformId, String csdVersion, String os, String osVersion,
                         String cpuVendor, String cpuInfo) {

    private static final Pattern MACHINE = Pattern.compile("x86_64|i[3-6]86|aarch64|arm\\w*|mips\\w*|ppc\\w*|riscv\\w*|s390x?");

    /** Breakpad's short OS name: "windows", "mac", "ios", "linux", "android", "solaris", "fuchsia", ... or "unknown". */
    public String osShort() {
        return switch ((int) platformId) {
            case 1, 2, 3 -> "windows";
            case 0x8101 -> "mac";
            case 0x8102 -> "ios";
            case 0x8201 -> "linux";
            case 0x8202 -> "solaris";
            case 0x8203 -> "android";
            case 0x8204 -> "ps3";
            case 0x8205 -> "nacl";
            case 0x8206 -> "fuchsia";
            default -> "unknown";
        };
    }

    private boolean unixLikeCsd() {
        return (platformId == 0x8201 || platformId == 0x8203 || platformId == 0x8206) && csdVersion != null
                && csdVersion.indexOf(' ') > 0;
    }

    /**
     * The OS release alone: the kernel release for Linux/Android (the second word of the CSD string
     * "Linux 4.9.60 #1 SMP ... x86_64"), otherwise "major.minor.build".
     */
    public String osRelease() {
        if (unixLikeCsd()) {
            String[] words = csdVersion.trim().split("\\s+");
            if (words.length >= 2) return words[1];
        }
        return majorVersion + "." + minorVersion + "." + buildNumber;
    }

    /**
     * The OS build: the kernel version string for Linux/Android (without the trailing machine name),
     * the CSD string elsewhere (macOS build number, Windows service pack); empty when unknown.
     */
    public String osBuild() {
        if (unixLikeCsd()) {
            String[] words = csdVersion.trim().split("\\s+");
            int end = words.length;
            if (end > 3 && MACHINE.matcher(words[end - 1]).matches()) end--;
            return end > 2 ? String.join(" ", java.util.Arrays.copyOfRange(words, 2, end)) : "";
        }
        return csdVersion == null ? "" : csdVersion;
    }
}
