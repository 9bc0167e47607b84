package io.breakwater.symbolstore;

/**
 * A symbol upload refused as a whole, with the HTTP status to answer (400 malformed, 413 too large) and,
 * when one entry is to blame, its name as written in the zip.
 */
public class UploadRejectedException extends Exception {

    private final int status;
    private final String entry;

    public UploadRejectedException(int status, String message, String entry) {
        super(message, null, false, false);
        this.status = status;
        this.entry = entry;
    }

    public static UploadRejectedException badEntry(String entry, String reason) {
        return new UploadRejectedException(400, "entry \"" + printable(entry) + "\": " + reason, entry);
    }

    public int status() {
        return status;
    }

    /** The offending entry's name, or null. */
    public String entry() {
        return entry;
    }

    /** {@code name} with control characters escaped, so a message cannot forge lines. */
    static String printable(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length() && out.length() < 600; i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
