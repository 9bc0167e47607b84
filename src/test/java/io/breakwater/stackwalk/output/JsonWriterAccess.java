package io.breakwater.stackwalk.output;

/** Test access to package-private helpers of the writers. */
public final class JsonWriterAccess {
    private JsonWriterAccess() {}

    public static String crashType(String breakpadReason) { return JsonWriter.jsonCrashType(breakpadReason); }
}
