package io.breakwater.minidump;

/**
 * A loaded module. Identifiers are as Breakpad prints them: {@code debugId} upper-case hex
 * (GUID + age for PDB70, build-id-derived GUID + "0" for ELF), {@code codeId} per platform
 * (PE: timestamp + size of image; ELF: full build id, lower-case hex).
 */
public record MinidumpModule(long baseAddress, long size, long checksum, long timeDateStamp,
                             String codeFile, String codeId, String debugFile, String debugId,
                             String version) {

    public long endAddress() { return baseAddress + size; }

    public boolean contains(long address) {
        return Long.compareUnsigned(address, baseAddress) >= 0 && Long.compareUnsigned(address, endAddress()) < 0;
    }
}
