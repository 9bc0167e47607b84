package io.breakwater.signature;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orders product versions as people read them: dotted numbers compare number by number ({@code 1.10 > 1.9},
 * {@code 1.0 == 1.0.0}); a letter tag inside a part marks a pre-release, Firefox style ({@code 120.0a1 <
 * 120.0b1 < 120.0b10 < 120.0}); a semver pre-release after {@code -} comes before its release and compares by
 * identifiers ({@code 1.0.0-alpha < 1.0.0-beta.2 < 1.0.0-beta.11 < 1.0.0}); build metadata after {@code +} and
 * a leading {@code v} are ignored. Versions that do not start with a digit ("nightly", "unknown") cannot be
 * placed among numbered ones: they sort before them, alphabetically, and {@link #atLeast} is never true for
 * them.
 */
public final class VersionOrder {

    /** A total order (consistent with {@link #compare}) for sorting. */
    public static final Comparator<String> COMPARATOR = VersionOrder::compare;

    // One dot-separated part: number, then an optional tag with its own number, then anything left.
    private static final Pattern PART = Pattern.compile("([0-9]*)([A-Za-z]*)([0-9]*)(.*)");

    private VersionOrder() {
    }

    /** Whether {@code version} can be compared with numbered versions (it starts with a digit). */
    public static boolean isNumbered(String version) {
        String v = core(version);
        return !v.isEmpty() && isDigit(v.charAt(0));
    }

    /**
     * Whether {@code version} is the same as or later than {@code floor}; false when either is not a
     * numbered version, since "nightly ≥ 120" means nothing.
     */
    public static boolean atLeast(String version, String floor) {
        return isNumbered(version) && isNumbered(floor) && compare(version, floor) >= 0;
    }

    /** Negative, zero or positive as {@code a} is before, the same as, or after {@code b}. */
    public static int compare(String a, String b) {
        boolean numberedA = isNumbered(a);
        boolean numberedB = isNumbered(b);
        if (numberedA != numberedB) {
            return numberedA ? 1 : -1;
        }
        if (!numberedA) {
            return core(a).compareToIgnoreCase(core(b));
        }
        Parsed pa = parse(core(a));
        Parsed pb = parse(core(b));
        int n = Math.max(pa.parts.size(), pb.parts.size());
        for (int i = 0; i < n; i++) {
            int c = comparePart(part(pa, i), part(pb, i));
            if (c != 0) return c;
        }
        return comparePreRelease(pa.preRelease, pb.preRelease);
    }

    private record Part(String number, String tag, String tagNumber, String rest) {
        static final Part ZERO = new Part("0", "", "", "");
    }

    private record Parsed(List<Part> parts, List<String> preRelease) {
    }

    /** Trimmed, without a leading v and without build metadata. */
    private static String core(String version) {
        if (version == null) return "";
        String v = version.strip();
        int plus = v.indexOf('+');
        if (plus >= 0) v = v.substring(0, plus);
        if (v.length() > 1 && (v.charAt(0) == 'v' || v.charAt(0) == 'V') && isDigit(v.charAt(1))) {
            v = v.substring(1);
        }
        return v;
    }

    private static Parsed parse(String v) {
        int dash = v.indexOf('-');
        String release = dash < 0 ? v : v.substring(0, dash);
        List<String> pre = new ArrayList<>();
        if (dash >= 0) {
            for (String id : v.substring(dash + 1).split("\\.", -1)) pre.add(id);
        }
        List<Part> parts = new ArrayList<>();
        for (String text : release.split("\\.", -1)) {
            Matcher m = PART.matcher(text);
            m.matches(); // every string matches: all groups may be empty
            parts.add(new Part(m.group(1).isEmpty() ? "0" : m.group(1), m.group(2).toLowerCase(Locale.ROOT),
                    m.group(3), m.group(4)));
        }
        return new Parsed(parts, pre);
    }

    /** Missing parts count as zero: 1.0 is 1.0.0. */
    private static Part part(Parsed p, int i) {
        return i < p.parts.size() ? p.parts.get(i) : Part.ZERO;
    }

    private static int comparePart(Part a, Part b) {
        int c = compareNumbers(a.number, b.number);
        if (c != 0) return c;
        // A tagged part (0a1, 0b2, 0rc1) is a pre-release of the untagged one.
        c = compareTags(a.tag, b.tag);
        if (c != 0) return c;
        c = compareNumbers(a.tagNumber.isEmpty() ? "0" : a.tagNumber, b.tagNumber.isEmpty() ? "0" : b.tagNumber);
        if (c != 0) return c;
        return compareTags(a.rest, b.rest);
    }

    /** Empty (a release) comes after any tag; tags compare alphabetically (a < b < pre < rc). */
    private static int compareTags(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) return Boolean.compare(a.isEmpty(), b.isEmpty());
        return a.compareToIgnoreCase(b);
    }

    /** Semver: no pre-release is later; identifiers compare numerically or alphabetically; more is later. */
    private static int comparePreRelease(List<String> a, List<String> b) {
        if (a.isEmpty() || b.isEmpty()) return Boolean.compare(a.isEmpty(), b.isEmpty());
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            String x = a.get(i);
            String y = b.get(i);
            boolean nx = isDigits(x);
            boolean ny = isDigits(y);
            int c = nx && ny ? compareNumbers(x, y) : nx != ny ? (nx ? -1 : 1) : x.compareTo(y);
            if (c != 0) return c;
        }
        return Integer.compare(a.size(), b.size());
    }

    /** Digit strings of any length, by value. */
    private static int compareNumbers(String a, String b) {
        String x = stripZeros(a);
        String y = stripZeros(b);
        return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
    }

    private static String stripZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') i++;
        return digits.substring(i);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) return false;
        }
        return true;
    }
}
