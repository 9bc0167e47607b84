package io.breakwater.minidump;

/** An entry of the UnloadedModuleList stream. */
public record UnloadedModule(long baseAddress, long size, long checksum, long timeDateStamp, String codeFile) {

    public long endAddress() { return baseAddress + size; }

    /** Windows code id: timestamp as %08X followed by the size as %x. */
    public String codeId() {
        return Strings.upperHex(timeDateStamp, 8) + Long.toHexString(size);
    }
}
