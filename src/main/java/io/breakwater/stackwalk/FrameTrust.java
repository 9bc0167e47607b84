package io.breakwater.stackwalk;

/** How a frame was found, from most to least trustworthy, named as Breakpad and rust-minidump name them. */
public enum FrameTrust {
    CONTEXT("context", "given as instruction pointer in context"),
    PREWALKED("prewalked", "recovered by external stack walker"),
    CFI("cfi", "call frame info"),
    FRAME_POINTER("frame_pointer", "previous frame's frame pointer"),
    CFI_SCAN("cfi_scan", "call frame info with scanning"),
    SCAN("scan", "stack scanning"),
    INLINE("inline", "inline record"),
    LEAF("leaf", "simulating a return from leaf function"),
    NONE("none", "unknown");

    private final String jsonName;
    private final String description;

    FrameTrust(String jsonName, String description) {
        this.jsonName = jsonName;
        this.description = description;
    }

    /** The name used in JSON output ({@code trust} field). */
    public String jsonName() { return jsonName; }

    /** Breakpad's "Found by:" text. */
    public String description() { return description; }

    /** Frames whose recovery involved guessing; Breakpad counts these against its scan budget. */
    public boolean isScanned() { return this == SCAN || this == CFI_SCAN || this == NONE; }
}
