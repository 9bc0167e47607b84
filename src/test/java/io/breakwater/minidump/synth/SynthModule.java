package io.breakwater.minidump.synth;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * A ModuleList entry for {@link SynthMinidump}, with an optional CodeView record:
 *
 * <pre>{@code
 * SynthModule.of(0x400000, 0x2d000, "c:\\test_app.exe").pdb70("5A9832E5-2872-41C1-838E-D98914E9B7FF", 1, "c:\\test_app.pdb")
 * SynthModule.of(0x7f0000000000L, 0x1000, "/lib/libc.so.6").elfBuildId("b5381a457906d279073822a5ceb24c4bfef94ddb")
 * }</pre>
 */
public final class SynthModule {

    final long base;
    final long size;
    final String name;
    long checksum;
    long timestamp;
    int[] version;
    byte[] codeView;
    byte[] rawCodeView;

    private SynthModule(long base, long size, String name) {
        this.base = base;
        this.size = size;
        this.name = name;
    }

    public static SynthModule of(long base, long size, String codeFile) { return new SynthModule(base, size, codeFile); }

    public SynthModule timestamp(long t) {
        this.timestamp = t;
        return this;
    }

    public SynthModule checksum(long c) {
        this.checksum = c;
        return this;
    }

    /** VS_FIXEDFILEINFO file version a.b.c.d. */
    public SynthModule version(int a, int b, int c, int d) {
        this.version = new int[] {a, b, c, d};
        return this;
    }

    /** RSDS record; {@code guid} in registry form (dashes optional). */
    public SynthModule pdb70(String guid, long age, String pdbFile) {
        String hex = guid.replace("-", "");
        byte[] g = HexFormat.of().parseHex(hex);
        ByteBuffer bb = ByteBuffer.allocate(24 + pdbFile.getBytes(StandardCharsets.UTF_8).length + 1).order(ByteOrder.LITTLE_ENDIAN);
        bb.putInt(0x53445352);
        bb.putInt((int) Long.parseLong(hex.substring(0, 8), 16));
        bb.putShort((short) Integer.parseInt(hex.substring(8, 12), 16));
        bb.putShort((short) Integer.parseInt(hex.substring(12, 16), 16));
        bb.put(g, 8, 8);
        bb.putInt((int) age);
        bb.put(pdbFile.getBytes(StandardCharsets.UTF_8));
        this.codeView = bb.array();
        return this;
    }

    /** NB10 record. */
    public SynthModule pdb20(long signature, long age, String pdbFile) {
        ByteBuffer bb = ByteBuffer.allocate(16 + pdbFile.getBytes(StandardCharsets.UTF_8).length + 1).order(ByteOrder.LITTLE_ENDIAN);
        bb.putInt(0x3031424e).putInt(0).putInt((int) signature).putInt((int) age);
        bb.put(pdbFile.getBytes(StandardCharsets.UTF_8));
        this.codeView = bb.array();
        return this;
    }

    /** Breakpad's BpEL record carrying an ELF build id (hex). */
    public SynthModule elfBuildId(String buildIdHex) {
        byte[] id = HexFormat.of().parseHex(buildIdHex);
        ByteBuffer bb = ByteBuffer.allocate(4 + id.length).order(ByteOrder.LITTLE_ENDIAN);
        bb.putInt(0x4270454c).put(id);
        this.codeView = bb.array();
        return this;
    }

    /** Arbitrary CodeView bytes (e.g. a truncated or unknown record). */
    public SynthModule rawCodeView(byte[] bytes) {
        this.codeView = bytes.clone();
        return this;
    }
}
