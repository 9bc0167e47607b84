package io.breakwater.processor.rules;

import java.util.regex.Pattern;

/** Module names and ids reduced to the characters that are safe in ";"- and "/"-separated lists. */
final class ModuleText {

    private static final Pattern BAD_FILENAME = Pattern.compile("[^A-Za-z0-9_.+-]");
    private static final Pattern BAD_HEX = Pattern.compile("[^A-Fa-f0-9]");
    private static final Pattern BAD_VERSION = Pattern.compile("[^A-Za-z0-9_.,+-]");

    private ModuleText() {}

    static String filename(String s) { return BAD_FILENAME.matcher(s).replaceAll(""); }

    static String debugId(String s) { return BAD_HEX.matcher(s).replaceAll(""); }

    static String version(String s) { return BAD_VERSION.matcher(s).replaceAll(""); }
}
