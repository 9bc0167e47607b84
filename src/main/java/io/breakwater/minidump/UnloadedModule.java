package io.breakwater.minidump;

import java.util.Locale;

/** An entry of the UnloadedModuleList stream. */
public record UnloadedModule(long baseAddress, long size, long checksum, long timeDateStamp, String codeFile) {

    public long endAddress() { return baseAddress + size; }

    /** Windows code id: timestamp as %08X followed by the size as %x. */
    public String codeId() {
        return String.format(Locale.ROOT, "%08X%x", timeDateStamp, size);
    }
}
