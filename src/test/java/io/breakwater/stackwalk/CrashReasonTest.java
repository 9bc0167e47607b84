package io.breakwater.stackwalk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CrashReasonTest {

    private static CrashReason.Decoded win(int arch, long code, long... params) {
        return CrashReason.decode(CrashReason.OS_WIN32_NT, arch, code, 0, 0x401000, params);
    }

    @Test
    void windowsAccessViolationsNameTheAccessAndUseTheFaultAddress() {
        assertEquals(new CrashReason.Decoded("EXCEPTION_ACCESS_VIOLATION_READ", 0x10), win(9, 0xC0000005L, 0, 0x10));
        assertEquals(new CrashReason.Decoded("EXCEPTION_ACCESS_VIOLATION_WRITE", 0x45), win(9, 0xC0000005L, 1, 0x45));
        assertEquals(new CrashReason.Decoded("EXCEPTION_ACCESS_VIOLATION_EXEC", 0x7ff0), win(9, 0xC0000005L, 8, 0x7ff0));
        assertEquals(new CrashReason.Decoded("EXCEPTION_ACCESS_VIOLATION", 0x401000), win(9, 0xC0000005L));
    }

    @Test
    void thirtyTwoBitDumpsTruncateTheCrashAddress() {
        assertEquals(0x45L, win(0, 0xC0000005L, 1, 0xFFFF_FFFF_0000_0045L).address());
        assertEquals(0xFFFF_FFFF_0000_0045L, win(9, 0xC0000005L, 1, 0xFFFF_FFFF_0000_0045L).address());
    }

    @Test
    void windowsCodesAndFastFail() {
        assertEquals("EXCEPTION_STACK_OVERFLOW", win(9, 0xC00000FDL).reason());
        assertEquals("EXCEPTION_INT_DIVIDE_BY_ZERO", win(9, 0xC0000094L).reason());
        assertEquals("FAST_FAIL_FATAL_APP_EXIT", win(9, 0xC0000409L, 7).reason());
        assertEquals("EXCEPTION_STACK_BUFFER_OVERRUN", win(9, 0xC0000409L).reason());
        assertEquals("EXCEPTION_IN_PAGE_ERROR_READ / STATUS_DEVICE_DATA_ERROR", win(9, 0xC0000006L, 0, 0x1000, 0xC000009CL).reason());
        assertEquals("Unhandled C++ Exception", win(9, 0xE06D7363L).reason());
        assertEquals("0x12345678 / 0x00000000", win(9, 0x12345678L).reason());
    }

    @Test
    void linuxSignalsAsBreakpadPrintsThem() {
        assertEquals("SIGSEGV /SEGV_MAPERR", linux(11, 1));
        assertEquals("SIGSEGV /SEGV_ACCERR", linux(11, 2));
        assertEquals("SIGSEGV /0x00000000", linux(11, 0));
        assertEquals("SIGILL / ILL_ILLOPN", linux(4, 2));
        assertEquals("SIGFPE / FPE_INTDIV", linux(8, 1));
        assertEquals("SIGBUS / BUS_ADRERR", linux(7, 2));
        assertEquals("SIGABRT", linux(6, 0));
        assertEquals("DUMP_REQUESTED", linux(0xFFFFFFFFL, 0));
    }

    private static String linux(long code, long flags) {
        return CrashReason.decode(CrashReason.OS_LINUX, 9, code, flags, 0, new long[0]).reason();
    }

    @Test
    void macExceptionTypes() {
        assertEquals("EXC_BAD_ACCESS / KERN_INVALID_ADDRESS", mac(9, 1, 1));
        assertEquals("EXC_BAD_ACCESS / KERN_PROTECTION_FAILURE", mac(9, 1, 2));
        assertEquals("EXC_BAD_ACCESS / EXC_I386_GPFLT", mac(9, 1, 13));
        assertEquals("EXC_BAD_INSTRUCTION / EXC_I386_INVOP", mac(9, 2, 1));
        assertEquals("EXC_ARITHMETIC / EXC_I386_DIV", mac(9, 3, 1));
        assertEquals("EXC_SOFTWARE / SIGABRT", mac(9, 5, 0x10002));
        assertEquals("EXC_BREAKPOINT / EXC_I386_BPT", mac(9, 6, 2));
        assertEquals("EXC_BAD_INSTRUCTION / EXC_ARM_UNDEFINED", mac(5, 2, 1));
    }

    private static String mac(int arch, long code, long flags) {
        return CrashReason.decode(CrashReason.OS_MAC, arch, code, flags, 0, new long[0]).reason();
    }

    @Test
    void withoutSystemInfoTheRawCodesAreShown() {
        assertEquals("0x0000000b / 0x00000001", CrashReason.decode(-1, -1, 11, 1, 0, null).reason());
    }
}
