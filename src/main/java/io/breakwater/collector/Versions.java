package io.breakwater.collector;

import java.util.Comparator;

/**
 * Orders dotted versions as release engineers mean them: {@code 1.10 > 1.9}, {@code 1.0 == 1.0.0}, and
 * a component with a suffix is a pre-release of the plain one ({@code 60.0a1 < 60.0b2 < 60.0rc1 <
 * 60.0}, {@code 1.2.3-beta < 1.2.3}). Suffixes compare by their letters, then by their trailing number.
 */
final class Versions {

    static final Comparator<String> ORDER = Versions::compare;

    private Versions() {
    }

    static int compare(String a, String b) {
        String[] x = a.strip().split("\\.", -1);
        String[] y = b.strip().split("\\.", -1);
        int n = Math.max(x.length, y.length);
        for (int i = 0; i < n; i++) {
            int c = compareComponent(i < x.length ? x[i] : "0", i < y.length ? y[i] : "0");
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int compareComponent(String a, String b) {
        int ad = leadingDigits(a);
        int bd = leadingDigits(b);
        int c = compareNumbers(a.substring(0, ad), b.substring(0, bd));
        if (c != 0) {
            return c;
        }
        String as = a.substring(ad);
        String bs = b.substring(bd);
        if (as.isEmpty() || bs.isEmpty()) {
            // No suffix (a release) sorts after any suffix (a pre-release).
            return Boolean.compare(as.isEmpty(), bs.isEmpty());
        }
        int al = as.length() - trailingDigits(as);
        int bl = bs.length() - trailingDigits(bs);
        c = as.substring(0, al).compareTo(bs.substring(0, bl));
        if (c != 0) {
            return c;
        }
        return compareNumbers(as.substring(al), bs.substring(bl));
    }

    /** Compares digit strings of any length numerically (empty counts as 0). */
    private static int compareNumbers(String a, String b) {
        String x = stripZeros(a);
        String y = stripZeros(b);
        if (x.length() != y.length()) {
            return Integer.compare(x.length(), y.length());
        }
        return x.compareTo(y);
    }

    private static String stripZeros(String digits) {
        int i = 0;
        while (i < digits.length() && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }

    private static int leadingDigits(String s) {
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
            i++;
        }
        return i;
    }

    private static int trailingDigits(String s) {
        int i = s.length();
        while (i > 0 && Character.isDigit(s.charAt(i - 1)) && s.charAt(i - 1) < 128) {
            i--;
        }
        return s.length() - i;
    }
}
