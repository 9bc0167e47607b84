package io.breakwater.minidump;

/**
 * The SystemInfo stream. {@code os} is Breakpad's name ("Windows NT", "Mac OS X", "iOS", "Linux",
 * "Android", "Solaris", "Fuchsia", ...); {@code osVersion} is "major.minor.build" plus the CSD version.
 */
public record SystemInfo(Cpu cpu, int processorArchitecture, int processorLevel, int processorRevision,
                         int processorCount, int productType, long majorVersion, long minorVersion,
                         long buildNumber, long platformId, String csdVersion, String os, String osVersion,
                         String cpuVendor, String cpuInfo) {}
