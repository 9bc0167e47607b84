package io.breakwater.collector;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A header value with parameters, e.g. {@code multipart/form-data; boundary="x"} or
 * {@code form-data; name="a"; filename="b.dmp"}. Parameter names are lower-cased; quoted values are
 * unquoted (backslash escapes honoured). Lenient: junk between parameters is skipped.
 */
record HeaderParams(String value, Map<String, String> params) {

    static HeaderParams parse(String header) {
        int i = 0;
        int n = header.length();
        int semi = indexOfUnquoted(header, ';', 0);
        String value = (semi < 0 ? header : header.substring(0, semi)).strip();
        Map<String, String> params = new LinkedHashMap<>();
        i = semi < 0 ? n : semi + 1;
        while (i < n) {
            // name
            while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == '\t' || header.charAt(i) == ';')) {
                i++;
            }
            int nameStart = i;
            while (i < n && header.charAt(i) != '=' && header.charAt(i) != ';') {
                i++;
            }
            String name = header.substring(nameStart, i).strip().toLowerCase(Locale.ROOT);
            if (i >= n || header.charAt(i) == ';') {
                if (!name.isEmpty()) {
                    params.putIfAbsent(name, "");
                }
                continue;
            }
            i++; // '='
            while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == '\t')) {
                i++;
            }
            StringBuilder v = new StringBuilder();
            if (i < n && header.charAt(i) == '"') {
                i++;
                while (i < n && header.charAt(i) != '"') {
                    char c = header.charAt(i);
                    // Browsers send C:\x.dmp unescaped: only \" and \\ count as escapes.
                    if (c == '\\' && i + 1 < n && (header.charAt(i + 1) == '"' || header.charAt(i + 1) == '\\')) {
                        c = header.charAt(++i);
                    }
                    v.append(c);
                    i++;
                }
                i++; // closing quote
                while (i < n && header.charAt(i) != ';') {
                    i++;
                }
            } else {
                int valueStart = i;
                while (i < n && header.charAt(i) != ';') {
                    i++;
                }
                v.append(header, valueStart, i);
            }
            if (!name.isEmpty()) {
                params.putIfAbsent(name, v.toString().strip());
            }
        }
        return new HeaderParams(value, params);
    }

    private static int indexOfUnquoted(String s, char target, int from) {
        boolean quoted = false;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == target && !quoted) {
                return i;
            }
        }
        return -1;
    }
}
