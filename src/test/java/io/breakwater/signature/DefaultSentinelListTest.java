package io.breakwater.signature;

import org.junit.jupiter.api.Test;

import static io.breakwater.signature.DefaultListsTesting.signature;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Breakwater's sentinels cut away signal / exception handler frames above the interrupted code. */
class DefaultSentinelListTest {

    @Test
    void linuxSignalHandlerThatAborts() {
        SignatureResult result = signature("Linux",
                "libc.so.6!__pthread_kill_implementation", "libc.so.6!raise", "libc.so.6!abort",
                "app!on_fatal_signal(int)", "libc.so.6!__restore_rt", "app!parse_packet(unsigned char const*)", "app!main");
        assertEquals("parse_packet", result.signature());
        assertTrue(result.debugLog().contains("SignatureGenerationRule: sentinel; starting at \"__restore_rt\" index 4"), result.debugLog().toString());
    }

    @Test
    void macOsSignalTrampoline() {
        assertEquals("decode_frame", signature("Mac OS X",
                "libsystem_kernel.dylib!__pthread_kill", "App!crash_handler", "libsystem_platform.dylib!_sigtramp",
                "App!decode_frame").signature());
    }

    @Test
    void windowsExceptionDispatcher() {
        assertEquals("Renderer::draw", signature("Windows NT",
                "app.exe!CrashReporter::Filter(_EXCEPTION_POINTERS*)", "KERNELBASE.dll!UnhandledExceptionFilter",
                "ntdll.dll!KiUserExceptionDispatcher", "app.exe!Renderer::draw()").signature());
    }

    @Test
    void withoutSentinelTheTopFrameStays() {
        assertEquals("on_fatal_signal", signature("Linux", "app!on_fatal_signal(int)", "app!main").signature());
    }
}
