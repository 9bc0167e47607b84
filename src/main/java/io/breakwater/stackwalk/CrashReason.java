package io.breakwater.stackwalk;

import java.util.HashMap;
import java.util.Map;

/**
 * Crash reason strings and crash addresses decoded from an Exception stream, worded as Breakpad's
 * {@code minidump_stackwalk} prints them ("SIGSEGV /SEGV_MAPERR", "EXCEPTION_ACCESS_VIOLATION_WRITE",
 * "EXC_BAD_ACCESS / KERN_INVALID_ADDRESS").
 */
public final class CrashReason {

    // MINIDUMP_SYSTEM_INFO platform ids.
    public static final long OS_WIN32_WINDOWS = 1, OS_WIN32_NT = 2, OS_MAC = 0x8101, OS_IOS = 0x8102,
            OS_LINUX = 0x8201, OS_SOLARIS = 0x8202, OS_ANDROID = 0x8203, OS_PS3 = 0x8204, OS_NACL = 0x8205,
            OS_FUCHSIA = 0x8206;

    // Processor architectures.
    public static final int ARCH_X86 = 0, ARCH_MIPS = 1, ARCH_PPC = 3, ARCH_SHX = 4, ARCH_ARM = 5,
            ARCH_AMD64 = 9, ARCH_X86_WIN64 = 10, ARCH_ARM64 = 12, ARCH_ARM64_OLD = 0x8003;

    private CrashReason() {}

    /** Decoded reason and address. */
    public record Decoded(String reason, long address) {}

    /**
     * @param platformId   SystemInfo platform id, or -1 when there is no SystemInfo
     * @param architecture SystemInfo processor architecture, or -1
     * @param parameters   exception information words (may be shorter than the declared count)
     */
    public static Decoded decode(long platformId, int architecture, long code, long flags,
                                 long exceptionAddress, long[] parameters) {
        int c = (int) code;
        int f = (int) flags;
        long[] p = parameters == null ? new long[0] : parameters;
        String flagsString = hex8(f);
        String reason = hex8(c) + " / " + flagsString;
        long address = exceptionAddress;
        if (platformId < 0) return new Decoded(reason, address);

        if (platformId == OS_FUCHSIA) {
            String name = FUCHSIA.get(c);
            if (name != null) reason = name + " / " + flagsString;
        } else if (platformId == OS_MAC || platformId == OS_IOS) {
            String r = macReason(c, f, architecture, flagsString);
            if (r != null) reason = r;
        } else if (platformId == OS_WIN32_NT || platformId == OS_WIN32_WINDOWS) {
            switch (c) {
                case 0xC0000005 -> {
                    reason = p.length >= 1 ? switch ((int) p[0]) {
                        case 0 -> "EXCEPTION_ACCESS_VIOLATION_READ";
                        case 1 -> "EXCEPTION_ACCESS_VIOLATION_WRITE";
                        case 8 -> "EXCEPTION_ACCESS_VIOLATION_EXEC";
                        default -> "EXCEPTION_ACCESS_VIOLATION";
                    } : "EXCEPTION_ACCESS_VIOLATION";
                    if (p.length >= 2) address = p[1];
                }
                case 0xC0000006 -> {
                    reason = p.length >= 1 ? switch ((int) p[0]) {
                        case 0 -> "EXCEPTION_IN_PAGE_ERROR_READ";
                        case 1 -> "EXCEPTION_IN_PAGE_ERROR_WRITE";
                        case 8 -> "EXCEPTION_IN_PAGE_ERROR_EXEC";
                        default -> "EXCEPTION_IN_PAGE_ERROR";
                    } : "EXCEPTION_IN_PAGE_ERROR";
                    if (p.length >= 2) address = p[1];
                    if (p.length >= 3) reason = reason + " / " + ntStatusName((int) p[2]);
                }
                case 0xC0000409 -> reason = p.length >= 1 ? fastFailName(p[0]) : "EXCEPTION_STACK_BUFFER_OVERRUN";
                default -> {
                    String name = WINDOWS.get(c);
                    if (name == null) name = NTSTATUS.get(c);
                    if (name != null) reason = name;
                }
            }
        } else if (platformId == OS_LINUX || platformId == OS_ANDROID) {
            String r = linuxReason(c, f, flagsString);
            if (r != null) reason = r;
        } else if (platformId == OS_SOLARIS) {
            String name = SOLARIS.get(c);
            if (name != null) reason = name;
        } else if (platformId == OS_PS3) {
            String name = PS3.get(c);
            if (name != null) reason = name;
        }
        return new Decoded(reason, truncateForArchitecture(architecture, address));
    }

    /** 32-bit architectures only have 32-bit addresses; dumps sometimes carry garbage high bits. */
    public static long truncateForArchitecture(int architecture, long address) {
        return switch (architecture) {
            case ARCH_X86, ARCH_MIPS, ARCH_PPC, ARCH_SHX, ARCH_ARM, ARCH_X86_WIN64 -> address & 0xFFFF_FFFFL;
            default -> address;
        };
    }

    /** Windows name of an NTSTATUS value, or its hex form. */
    public static String ntStatusName(int status) {
        String name = NTSTATUS.get(status);
        if (name == null) name = WINDOWS_NTSTATUS_ALIASES.get(status);
        return name != null ? name : hex8(status);
    }

    /** FAST_FAIL_* name of a __fastfail code, or its hex form. */
    public static String fastFailName(long code) {
        if (code >= 0 && code < FAST_FAIL.length && FAST_FAIL[(int) code] != null) {
            return "FAST_FAIL_" + FAST_FAIL[(int) code];
        }
        return "EXCEPTION_STACK_BUFFER_OVERRUN / " + String.format("0x%08x", code);
    }

    static String hex8(int v) { return String.format("0x%08x", v); }

    private static String linuxReason(int code, int flags, String flagsString) {
        return switch (code) {
            case 1 -> "SIGHUP";
            case 2 -> "SIGINT";
            case 3 -> "SIGQUIT";
            case 4 -> "SIGILL / " + sub(flags, flagsString, "ILL_ILLOPC", "ILL_ILLOPN", "ILL_ILLADR",
                    "ILL_ILLTRP", "ILL_PRVOPC", "ILL_PRVREG", "ILL_COPROC", "ILL_BADSTK");
            case 5 -> "SIGTRAP";
            case 6 -> "SIGABRT";
            case 7 -> "SIGBUS / " + sub(flags, flagsString, "BUS_ADRALN", "BUS_ADRERR", "BUS_OBJERR",
                    "BUS_MCEERR_AR", "BUS_MCEERR_AO");
            case 8 -> "SIGFPE / " + sub(flags, flagsString, "FPE_INTDIV", "FPE_INTOVF", "FPE_FLTDIV",
                    "FPE_FLTOVF", "FPE_FLTUND", "FPE_FLTRES", "FPE_FLTINV", "FPE_FLTSUB");
            case 9 -> "SIGKILL";
            case 10 -> "SIGUSR1";
            // Breakpad prints no space after the slash for SIGSEGV only.
            case 11 -> "SIGSEGV /" + sub(flags, flagsString, "SEGV_MAPERR", "SEGV_ACCERR", "SEGV_BNDERR",
                    "SEGV_PKUERR");
            case 12 -> "SIGUSR2";
            case 13 -> "SIGPIPE";
            case 14 -> "SIGALRM";
            case 15 -> "SIGTERM";
            case 16 -> "SIGSTKFLT";
            case 17 -> "SIGCHLD";
            case 18 -> "SIGCONT";
            case 19 -> "SIGSTOP";
            case 20 -> "SIGTSTP";
            case 21 -> "SIGTTIN";
            case 22 -> "SIGTTOU";
            case 23 -> "SIGURG";
            case 24 -> "SIGXCPU";
            case 25 -> "SIGXFSZ";
            case 26 -> "SIGVTALRM";
            case 27 -> "SIGPROF";
            case 28 -> "SIGWINCH";
            case 29 -> "SIGIO";
            case 30 -> "SIGPWR";
            case 31 -> "SIGSYS";
            case 0xFFFFFFFF -> "DUMP_REQUESTED";
            default -> null;
        };
    }

    /** si_code names numbered from 1. */
    private static String sub(int flags, String flagsString, String... names) {
        return flags >= 1 && flags <= names.length ? names[flags - 1] : flagsString;
    }

    private static String macReason(int code, int flags, int arch, String flagsString) {
        boolean arm = arch == ARCH_ARM || arch == ARCH_ARM64_OLD;
        boolean ppc = arch == ARCH_PPC;
        boolean x86 = arch == ARCH_X86 || arch == ARCH_AMD64;
        switch (code) {
            case 1 -> {
                String s = switch (flags) {
                    case 1 -> "KERN_INVALID_ADDRESS";
                    case 2 -> "KERN_PROTECTION_FAILURE";
                    case 8 -> "KERN_NO_ACCESS";
                    case 9 -> "KERN_MEMORY_FAILURE";
                    case 10 -> "KERN_MEMORY_ERROR";
                    case 50 -> "KERN_CODESIGN_ERROR";
                    default -> {
                        if (arm) yield flags == 0x101 ? "EXC_ARM_DA_ALIGN" : flags == 0x102 ? "EXC_ARM_DA_DEBUG" : flagsString;
                        if (ppc) yield flags == 0x101 ? "EXC_PPC_VM_PROT_READ" : flags == 0x102 ? "EXC_PPC_BADSPACE"
                                : flags == 0x103 ? "EXC_PPC_UNALIGNED" : flagsString;
                        if (x86) yield flags == 13 ? "EXC_I386_GPFLT" : flagsString;
                        yield flagsString;
                    }
                };
                return "EXC_BAD_ACCESS / " + s;
            }
            case 2 -> {
                String s;
                if (arm) s = flags == 1 ? "EXC_ARM_UNDEFINED" : flagsString;
                else if (ppc) s = switch (flags) {
                    case 1 -> "EXC_PPC_INVALID_SYSCALL";
                    case 2 -> "EXC_PPC_UNIPL_INST";
                    case 3 -> "EXC_PPC_PRIVINST";
                    case 4 -> "EXC_PPC_PRIVREG";
                    case 5 -> "EXC_PPC_TRACE";
                    case 6 -> "EXC_PPC_PERFMON";
                    default -> flagsString;
                };
                else if (x86) s = switch (flags) {
                    case 1 -> "EXC_I386_INVOP";
                    case 10 -> "EXC_I386_INVTSSFLT";
                    case 11 -> "EXC_I386_SEGNPFLT";
                    case 12 -> "EXC_I386_STKFLT";
                    case 13 -> "EXC_I386_GPFLT";
                    case 17 -> "EXC_I386_ALIGNFLT";
                    default -> flagsString;
                };
                else s = flagsString;
                return "EXC_BAD_INSTRUCTION / " + s;
            }
            case 3 -> {
                String s;
                if (ppc) s = switch (flags) {
                    case 1 -> "EXC_PPC_OVERFLOW";
                    case 2 -> "EXC_PPC_ZERO_DIVIDE";
                    case 3 -> "EXC_FLT_INEXACT";
                    case 4 -> "EXC_PPC_FLT_ZERO_DIVIDE";
                    case 5 -> "EXC_PPC_FLT_UNDERFLOW";
                    case 6 -> "EXC_PPC_FLT_OVERFLOW";
                    case 7 -> "EXC_PPC_FLT_NOT_A_NUMBER";
                    case 8 -> "EXC_PPC_NOEMULATION";
                    case 9 -> "EXC_PPC_ALTIVECASSIST";
                    default -> flagsString;
                };
                else if (x86) s = switch (flags) {
                    case 1 -> "EXC_I386_DIV";
                    case 2 -> "EXC_I386_INTO";
                    case 3 -> "EXC_I386_NOEXT";
                    case 4 -> "EXC_I386_EXTOVR";
                    case 5 -> "EXC_I386_EXTERR";
                    case 6 -> "EXC_I386_EMERR";
                    case 7 -> "EXC_I386_BOUND";
                    case 8 -> "EXC_I386_SSEEXTERR";
                    default -> flagsString;
                };
                else s = flagsString;
                return "EXC_ARITHMETIC / " + s;
            }
            case 4 -> { return "EXC_EMULATION / " + flagsString; }
            case 5 -> {
                String s = switch (flags) {
                    case 0x00010002 -> "SIGABRT";
                    case 0xDEADC0DE -> "UNCAUGHT_NS_EXCEPTION";
                    case 0x00000001 -> "EXC_PPC_TRAP";
                    case 0x00010100 -> "EXC_PPC_MIGRATE";
                    default -> flagsString;
                };
                return "EXC_SOFTWARE / " + s;
            }
            case 6 -> {
                String s;
                if (arm) s = flags == 0x101 ? "EXC_ARM_DA_ALIGN" : flags == 0x102 ? "EXC_ARM_DA_DEBUG"
                        : flags == 1 ? "EXC_ARM_BREAKPOINT" : flagsString;
                else if (ppc) s = flags == 1 ? "EXC_PPC_BREAKPOINT" : flagsString;
                else if (x86) s = flags == 1 ? "EXC_I386_SGL" : flags == 2 ? "EXC_I386_BPT" : flagsString;
                else s = flagsString;
                return "EXC_BREAKPOINT / " + s;
            }
            case 7 -> { return "EXC_SYSCALL / " + flagsString; }
            case 8 -> { return "EXC_MACH_SYSCALL / " + flagsString; }
            case 9 -> { return "EXC_RPC_ALERT / " + flagsString; }
            case 0x43507378 -> { return "Simulated Exception"; }
            default -> { return null; }
        }
    }

    private static final Map<Integer, String> WINDOWS = new HashMap<>();
    private static final Map<Integer, String> NTSTATUS = new HashMap<>();
    private static final Map<Integer, String> WINDOWS_NTSTATUS_ALIASES = new HashMap<>();
    private static final Map<Integer, String> FUCHSIA = new HashMap<>();
    private static final Map<Integer, String> SOLARIS = new HashMap<>();
    private static final Map<Integer, String> PS3 = new HashMap<>();
    private static final String[] FAST_FAIL = new String[71];

    static {
        WINDOWS.put(0x40010005, "DBG_CONTROL_C");
        WINDOWS.put(0x80000001, "EXCEPTION_GUARD_PAGE");
        WINDOWS.put(0x80000002, "EXCEPTION_DATATYPE_MISALIGNMENT");
        WINDOWS.put(0x80000003, "EXCEPTION_BREAKPOINT");
        WINDOWS.put(0x80000004, "EXCEPTION_SINGLE_STEP");
        WINDOWS.put(0xC0000008, "EXCEPTION_INVALID_HANDLE");
        WINDOWS.put(0xC000001D, "EXCEPTION_ILLEGAL_INSTRUCTION");
        WINDOWS.put(0xC0000025, "EXCEPTION_NONCONTINUABLE_EXCEPTION");
        WINDOWS.put(0xC0000026, "EXCEPTION_INVALID_DISPOSITION");
        WINDOWS.put(0xC000008C, "EXCEPTION_BOUNDS_EXCEEDED");
        WINDOWS.put(0xC000008D, "EXCEPTION_FLT_DENORMAL_OPERAND");
        WINDOWS.put(0xC000008E, "EXCEPTION_FLT_DIVIDE_BY_ZERO");
        WINDOWS.put(0xC000008F, "EXCEPTION_FLT_INEXACT_RESULT");
        WINDOWS.put(0xC0000090, "EXCEPTION_FLT_INVALID_OPERATION");
        WINDOWS.put(0xC0000091, "EXCEPTION_FLT_OVERFLOW");
        WINDOWS.put(0xC0000092, "EXCEPTION_FLT_STACK_CHECK");
        WINDOWS.put(0xC0000093, "EXCEPTION_FLT_UNDERFLOW");
        WINDOWS.put(0xC0000094, "EXCEPTION_INT_DIVIDE_BY_ZERO");
        WINDOWS.put(0xC0000095, "EXCEPTION_INT_OVERFLOW");
        WINDOWS.put(0xC0000096, "EXCEPTION_PRIV_INSTRUCTION");
        WINDOWS.put(0xC00000FD, "EXCEPTION_STACK_OVERFLOW");
        WINDOWS.put(0xC00000FF, "EXCEPTION_BAD_FUNCTION_TABLE");
        WINDOWS.put(0xC0000194, "EXCEPTION_POSSIBLE_DEADLOCK");
        WINDOWS.put(0xC0000374, "EXCEPTION_HEAP_CORRUPTION");
        WINDOWS.put(0xE0000008, "Out of Memory");
        WINDOWS.put(0xE06D7363, "Unhandled C++ Exception");
        WINDOWS.put(0x0517A7ED, "Simulated Exception");

        // A selection of NTSTATUS values seen as exception codes in the field.
        NTSTATUS.put(0x00000000, "STATUS_SUCCESS");
        NTSTATUS.put(0x40000015, "STATUS_FATAL_APP_EXIT");
        NTSTATUS.put(0x406D1388, "STATUS_SET_THREAD_NAME");
        NTSTATUS.put(0x80000029, "STATUS_UNWIND_CONSOLIDATE");
        NTSTATUS.put(0xC0000001, "STATUS_UNSUCCESSFUL");
        NTSTATUS.put(0xC0000002, "STATUS_NOT_IMPLEMENTED");
        NTSTATUS.put(0xC000000D, "STATUS_INVALID_PARAMETER");
        NTSTATUS.put(0xC000000E, "STATUS_NO_SUCH_DEVICE");
        NTSTATUS.put(0xC000000F, "STATUS_NO_SUCH_FILE");
        NTSTATUS.put(0xC0000017, "STATUS_NO_MEMORY");
        NTSTATUS.put(0xC0000022, "STATUS_ACCESS_DENIED");
        NTSTATUS.put(0xC0000034, "STATUS_OBJECT_NAME_NOT_FOUND");
        NTSTATUS.put(0xC000009A, "STATUS_INSUFFICIENT_RESOURCES");
        NTSTATUS.put(0xC000009C, "STATUS_DEVICE_DATA_ERROR");
        NTSTATUS.put(0xC000009D, "STATUS_DEVICE_NOT_CONNECTED");
        NTSTATUS.put(0xC00000B5, "STATUS_IO_TIMEOUT");
        NTSTATUS.put(0xC000012D, "STATUS_COMMITMENT_LIMIT");
        NTSTATUS.put(0xC0000135, "STATUS_DLL_NOT_FOUND");
        NTSTATUS.put(0xC0000138, "STATUS_ORDINAL_NOT_FOUND");
        NTSTATUS.put(0xC0000139, "STATUS_ENTRYPOINT_NOT_FOUND");
        NTSTATUS.put(0xC000013A, "STATUS_CONTROL_C_EXIT");
        NTSTATUS.put(0xC0000142, "STATUS_DLL_INIT_FAILED");
        NTSTATUS.put(0xC0000185, "STATUS_IO_DEVICE_ERROR");
        NTSTATUS.put(0xC000026E, "STATUS_VOLUME_DISMOUNTED");
        NTSTATUS.put(0xC00002B4, "STATUS_FLOAT_MULTIPLE_FAULTS");
        NTSTATUS.put(0xC00002B5, "STATUS_FLOAT_MULTIPLE_TRAPS");
        NTSTATUS.put(0xC00002C9, "STATUS_REG_NAT_CONSUMPTION");
        NTSTATUS.put(0xC000041D, "STATUS_FATAL_USER_CALLBACK_EXCEPTION");
        NTSTATUS.put(0xC0000420, "STATUS_ASSERTION_FAILURE");
        NTSTATUS.put(0xC0000602, "STATUS_FAIL_FAST_EXCEPTION");
        NTSTATUS.put(0xC000070A, "STATUS_THREADPOOL_HANDLE_EXCEPTION");
        NTSTATUS.put(0xC0000906, "STATUS_VIRUS_DELETED");
        NTSTATUS.put(0xC0000409, "STATUS_STACK_BUFFER_OVERRUN");
        NTSTATUS.put(0xC000A203, "STATUS_SMB_NO_PREAUTH_INTEGRITY_HASH_OVERLAP");
        WINDOWS_NTSTATUS_ALIASES.put(0xC0000005, "STATUS_ACCESS_VIOLATION");
        WINDOWS_NTSTATUS_ALIASES.put(0xC0000006, "STATUS_IN_PAGE_ERROR");

        String[] ff = {"LEGACY_GS_VIOLATION", "VTGUARD_CHECK_FAILURE", "STACK_COOKIE_CHECK_FAILURE",
            "CORRUPT_LIST_ENTRY", "INCORRECT_STACK", "INVALID_ARG", "GS_COOKIE_INIT", "FATAL_APP_EXIT",
            "RANGE_CHECK_FAILURE", "UNSAFE_REGISTRY_ACCESS", "GUARD_ICALL_CHECK_FAILURE",
            "GUARD_WRITE_CHECK_FAILURE", "INVALID_FIBER_SWITCH", "INVALID_SET_OF_CONTEXT",
            "INVALID_REFERENCE_COUNT", null, null, null, "INVALID_JUMP_BUFFER", "MRDATA_MODIFIED",
            "CERTIFICATION_FAILURE", "INVALID_EXCEPTION_CHAIN", "CRYPTO_LIBRARY", "INVALID_CALL_IN_DLL_CALLOUT",
            "INVALID_IMAGE_BASE", "DLOAD_PROTECTION_FAILURE", "UNSAFE_EXTENSION_CALL",
            "DEPRECATED_SERVICE_INVOKED", "INVALID_BUFFER_ACCESS", "INVALID_BALANCED_TREE",
            "INVALID_NEXT_THREAD", "GUARD_ICALL_CHECK_SUPPRESSED", "APCS_DISABLED", "INVALID_IDLE_STATE",
            "MRDATA_PROTECTION_FAILURE", "UNEXPECTED_HEAP_EXCEPTION", "INVALID_LOCK_STATE", "GUARD_JUMPTABLE",
            "INVALID_LONGJUMP_TARGET", "INVALID_DISPATCH_CONTEXT", "INVALID_THREAD", "INVALID_SYSCALL_NUMBER",
            "INVALID_FILE_OPERATION", "LPAC_ACCESS_DENIED", "GUARD_SS_FAILURE", "LOADER_CONTINUITY_FAILURE",
            "GUARD_EXPORT_SUPPRESSION_FAILURE", "INVALID_CONTROL_STACK", "SET_CONTEXT_DENIED", "INVALID_IAT",
            "HEAP_METADATA_CORRUPTION", "PAYLOAD_RESTRICTION_VIOLATION", "LOW_LABEL_ACCESS_DENIED",
            "ENCLAVE_CALL_FAILURE", "UNHANDLED_LSS_EXCEPTON", "ADMINLESS_ACCESS_DENIED", "UNEXPECTED_CALL",
            "CONTROL_INVALID_RETURN_ADDRESS", "UNEXPECTED_HOST_BEHAVIOR", "FLAGS_CORRUPTION", "VEH_CORRUPTION",
            "ETW_CORRUPTION", "RIO_ABORT", "INVALID_PFN", "GUARD_ICALL_CHECK_FAILURE_XFG", "CAST_GUARD",
            "HOST_VISIBILITY_CHANGE", "KERNEL_CET_SHADOW_STACK_ASSIST", "PATCH_CALLBACK_FAILED",
            "NTDLL_PATCH_FAILED", "INVALID_FLS_DATA"};
        System.arraycopy(ff, 0, FAST_FAIL, 0, Math.min(ff.length, FAST_FAIL.length));

        FUCHSIA.put(0x8, "GENERAL");
        FUCHSIA.put(0x108, "FATAL_PAGE_FAULT");
        FUCHSIA.put(0x208, "UNDEFINED_INSTRUCTION");
        FUCHSIA.put(0x308, "SW_BREAKPOINT");
        FUCHSIA.put(0x408, "HW_BREAKPOINT");
        FUCHSIA.put(0x508, "UNALIGNED_ACCESS");
        FUCHSIA.put(0x8008, "THREAD_STARTING");
        FUCHSIA.put(0x8108, "THREAD_EXITING");
        FUCHSIA.put(0x8208, "POLICY_ERROR");
        FUCHSIA.put(0x8308, "PROCESS_STARTING");

        String[] sol = {null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGIOT | SIGABRT", "SIGEMT",
            "SIGFPE", "SIGKILL", "SIGBUS", "SIGSEGV", "SIGSYS", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGUSR1",
            "SIGUSR2", "SIGCLD | SIGCHLD", "SIGPWR", "SIGWINCH", "SIGURG", "SIGPOLL | SIGIO", "SIGSTOP",
            "SIGTSTP", "SIGCONT", "SIGTTIN", "SIGTTOU", "SIGVTALRM", "SIGPROF", "SIGXCPU", "SIGXFSZ",
            "SIGWAITING", "SIGLWP", "SIGFREEZE", "SIGTHAW", "SIGCANCEL", "SIGLOST", "SIGXRES", "SIGJVM1",
            "SIGJVM2"};
        for (int i = 1; i < sol.length; i++) SOLARIS.put(i, sol[i]);

        String[] ps3 = {"UNKNOWN", "TRAP_EXCEP", "PRIV_INSTR", "ILLEGAL_INSTR", "INSTR_STORAGE", "INSTR_SEGMENT",
            "DATA_STORAGE", "DATA_SEGMENT", "FLOAT_POINT", "DABR_MATCH", "ALIGN_EXCEP", "MEMORY_ACCESS",
            "COPRO_ALIGN", "COPRO_INVALID_COM", "COPRO_ERR", "COPRO_FIR", "COPRO_DATA_SEGMENT",
            "COPRO_DATA_STORAGE", "COPRO_STOP_INSTR", "COPRO_HALT_INSTR", "COPRO_HALTINSTR_UNKNOWN",
            "COPRO_MEMORY_ACCESS", "GRAPHIC"};
        for (int i = 0; i < ps3.length; i++) PS3.put(i, ps3[i]);
    }
}
