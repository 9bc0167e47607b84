package io.breakwater.samples;

import io.breakwater.minidump.Cpu;
import io.breakwater.minidump.synth.SynthContext;
import io.breakwater.minidump.synth.SynthMinidump;
import io.breakwater.minidump.synth.SynthModule;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project's sample crash, {@code samples/crash.dmp}: a Linux/amd64 process {@code sample_app} that died
 * writing through a null pointer in {@code sample_write_null}, called from {@code sample_process_request},
 * called from {@code main}. Its stack fits the hand-written {@code samples/sample_app.sym}: the three frames
 * are found by that file's STACK CFI records and named by its FUNC and line records.
 *
 * <p>Run {@link #main} from the project root to write the file again; {@code SampleDataTest} checks that the
 * committed bytes are what this class builds.
 */
public final class SampleCrash {

    public static final Path DUMP = Path.of("samples", "crash.dmp");
    public static final Path SYMBOLS = Path.of("samples", "sample_app.sym");
    public static final String SIGNATURE = "sample_write_null";

    static final long APP_BASE = 0x5555_5555_4000L;
    static final long LIBC_BASE = 0x7fff_f7c0_0000L;
    static final long STACK = 0x7fff_ffff_e000L;
    static final long THREAD_ID = 4242;
    /** SIGSEGV: Linux dumps carry the signal number as the exception code. */
    static final long SIGSEGV = 11;

    private SampleCrash() {
    }

    public static byte[] build() {
        // Return addresses (module offsets after each call) and the frames' stack layout follow the CFI rules.
        ByteBuffer stack = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        stack.putLong(0, APP_BASE + 0x115d);     // sample_write_null returns into sample_process_request
        stack.putLong(32, APP_BASE + 0x1225);    // its frame is 32 bytes: returns into main
        stack.putLong(56, 0);                    // main's saved rbp: the caller's, none
        stack.putLong(64, LIBC_BASE + 0x29d90);  // main returns into libc (no symbols: the walk ends there)
        SynthContext context = SynthContext.amd64()
                .set("rip", APP_BASE + 0x1110)
                .set("rsp", STACK)
                .set("rbp", STACK + 56)
                .set("rdi", 0);
        return SynthMinidump.create()
                .timeDateStamp(1_764_720_000L) // 2025-12-03, fixed so the bytes never change
                .systemInfo(Cpu.AMD64, SynthMinidump.LINUX)
                .linuxLsbRelease("DISTRIB_ID=Debian\nDISTRIB_RELEASE=12\nDISTRIB_DESCRIPTION=\"Debian GNU/Linux 12\"\n")
                .module(SynthModule.of(APP_BASE, 0x3000, "/opt/sample/bin/sample_app")
                        .elfBuildId("5a3b1e0c7d2f4a6b8c9d0e1f2a3b4c5d6e7f8091"))
                .module(SynthModule.of(LIBC_BASE, 0x200000, "/lib/x86_64-linux-gnu/libc.so.6")
                        .elfBuildId("1f2e3d4c5b6a79880716253443526170"))
                .thread(THREAD_ID, context, STACK, stack.array())
                .threadName(THREAD_ID, "sample_app")
                .exception(THREAD_ID, SIGSEGV, 0, context)
                .build();
    }

    public static void main(String[] args) throws IOException {
        Files.write(DUMP, build());
        System.out.println("wrote " + DUMP.toAbsolutePath());
    }
}
