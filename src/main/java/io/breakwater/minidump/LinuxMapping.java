package io.breakwater.minidump;

/** One line of /proc/self/maps from the LinuxMaps stream. */
public record LinuxMapping(long start, long end, String permissions, long offset, String device, long inode,
                           String path) {

    public boolean isExecutable() { return permissions.length() > 2 && permissions.charAt(2) == 'x'; }

    public boolean isWritable() { return permissions.length() > 1 && permissions.charAt(1) == 'w'; }

    public boolean isReadable() { return !permissions.isEmpty() && permissions.charAt(0) == 'r'; }

    public boolean contains(long address) {
        return Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0;
    }
}
