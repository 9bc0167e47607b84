package io.breakwater.minidump;

/** One stream directory entry as declared in the file (the declared range may lie past the file end). */
public record StreamEntry(int index, long type, long rva, long size) {

    /** Known stream type numbers. */
    public static final long THREAD_LIST = 3, MODULE_LIST = 4, MEMORY_LIST = 5, EXCEPTION = 6, SYSTEM_INFO = 7,
            THREAD_EX_LIST = 8, MEMORY64_LIST = 9, COMMENT_A = 10, COMMENT_W = 11, HANDLE_DATA = 12,
            UNLOADED_MODULE_LIST = 14, MISC_INFO = 15, MEMORY_INFO_LIST = 16, THREAD_INFO_LIST = 17,
            THREAD_NAMES = 24,
            BREAKPAD_INFO = 0x47670001L, ASSERTION_INFO = 0x47670002L, LINUX_CPU_INFO = 0x47670003L,
            LINUX_PROC_STATUS = 0x47670004L, LINUX_LSB_RELEASE = 0x47670005L, LINUX_CMD_LINE = 0x47670006L,
            LINUX_ENVIRON = 0x47670007L, LINUX_AUXV = 0x47670008L, LINUX_MAPS = 0x47670009L,
            LINUX_DSO_DEBUG = 0x4767000AL, CRASHPAD_INFO = 0x43500001L, CHROMIUM_STABILITY_REPORT = 0x4B6B0002L,
            MOZ_MACOS_CRASH_INFO = 0x4D7A0001L, MOZ_MACOS_BOOTARGS = 0x4D7A0002L, MOZ_LINUX_LIMITS = 0x4D7A0003L,
            MOZ_SOFT_ERRORS = 0x4D7A0004L;

    /** A readable name for {@code type} (hex for unknown types). */
    public static String typeName(long type) {
        if (type == THREAD_LIST) return "ThreadList";
        if (type == MODULE_LIST) return "ModuleList";
        if (type == MEMORY_LIST) return "MemoryList";
        if (type == EXCEPTION) return "Exception";
        if (type == SYSTEM_INFO) return "SystemInfo";
        if (type == THREAD_EX_LIST) return "ThreadExList";
        if (type == MEMORY64_LIST) return "Memory64List";
        if (type == COMMENT_A) return "CommentA";
        if (type == COMMENT_W) return "CommentW";
        if (type == HANDLE_DATA) return "HandleData";
        if (type == UNLOADED_MODULE_LIST) return "UnloadedModuleList";
        if (type == MISC_INFO) return "MiscInfo";
        if (type == MEMORY_INFO_LIST) return "MemoryInfoList";
        if (type == THREAD_INFO_LIST) return "ThreadInfoList";
        if (type == THREAD_NAMES) return "ThreadNames";
        if (type == BREAKPAD_INFO) return "BreakpadInfo";
        if (type == ASSERTION_INFO) return "AssertionInfo";
        if (type == LINUX_CPU_INFO) return "LinuxCpuInfo";
        if (type == LINUX_PROC_STATUS) return "LinuxProcStatus";
        if (type == LINUX_LSB_RELEASE) return "LinuxLsbRelease";
        if (type == LINUX_CMD_LINE) return "LinuxCmdLine";
        if (type == LINUX_ENVIRON) return "LinuxEnviron";
        if (type == LINUX_AUXV) return "LinuxAuxv";
        if (type == LINUX_MAPS) return "LinuxMaps";
        if (type == LINUX_DSO_DEBUG) return "LinuxDsoDebug";
        if (type == CRASHPAD_INFO) return "CrashpadInfo";
        if (type == CHROMIUM_STABILITY_REPORT) return "ChromiumStabilityReport";
        if (type == MOZ_MACOS_CRASH_INFO) return "MozMacosCrashInfo";
        if (type == MOZ_MACOS_BOOTARGS) return "MozMacosBootargs";
        if (type == MOZ_LINUX_LIMITS) return "MozLinuxLimits";
        if (type == MOZ_SOFT_ERRORS) return "MozSoftErrors";
        return "0x" + Long.toHexString(type);
    }
}
