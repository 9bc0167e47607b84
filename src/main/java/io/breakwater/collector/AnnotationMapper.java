package io.breakwater.collector;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fills Socorro's canonical annotations from the names Crashpad, Chrome and Electron use, when the
 * canonical one is absent. The original fields stay in the raw crash untouched. First source present
 * wins:
 * <pre>
 *   ProductName    ← _productName (Electron app name), prod (Crashpad/Chrome), product (query string)
 *   Version        ← _version (Electron app version), ver (Crashpad/Chrome), version (query string)
 *   ProcessType    ← process_type (Electron), ptype (Chrome); the client's own name (Electron's "browser" stays
 *                    "browser": it is not Firefox's "parent")
 *   ReleaseChannel ← channel
 *   BuildID        ← build_id, buildid
 *   UptimeTS       ← ptime (Chrome process uptime, milliseconds → seconds)
 * </pre>
 * Electron sends {@code prod=Electron, ver=<electron version>} beside {@code _productName/_version} of
 * the app itself, which is why the underscore names take precedence.
 */
final class AnnotationMapper {

    private record Mapping(String canonical, List<String> sources) {
    }

    private static final List<Mapping> MAPPINGS = List.of(
            new Mapping("ProductName", List.of("_productName", "prod", "product")),
            new Mapping("Version", List.of("_version", "ver", "version")),
            new Mapping("ProcessType", List.of("process_type", "ptype")),
            new Mapping("ReleaseChannel", List.of("channel")),
            new Mapping("BuildID", List.of("build_id", "buildid")));

    private AnnotationMapper() {
    }

    /**
     * Adds canonical annotations derived from {@code sources} (annotations plus query parameters) to
     * {@code annotations}, adding a note per derived field.
     */
    static void applyCanonicalNames(Map<String, String> annotations, Map<String, String> sources,
                                            List<String> notes) {
        for (Mapping mapping : MAPPINGS) {
            if (hasValue(annotations.get(mapping.canonical()))) {
                continue;
            }
            for (String source : mapping.sources()) {
                String value = sources.get(source);
                if (hasValue(value)) {
                    String mapped = mapping.canonical().equals("ProcessType") ? processType(value) : value.strip();
                    annotations.put(mapping.canonical(), mapped);
                    notes.add(mapping.canonical() + " set from " + source);
                    break;
                }
            }
        }
        if (!hasValue(annotations.get("UptimeTS"))) {
            String ptime = sources.get("ptime");
            if (hasValue(ptime)) {
                try {
                    BigDecimal seconds = new BigDecimal(ptime.strip()).movePointLeft(3).stripTrailingZeros();
                    if (seconds.signum() >= 0) {
                        annotations.put("UptimeTS", seconds.toPlainString());
                        notes.add("UptimeTS set from ptime");
                    }
                } catch (NumberFormatException ignored) {
                    // Not a number: leave ptime alone, as it was sent.
                }
            }
        }
    }

    /** The client's name for its process, as it sent it (Electron's, Chrome's and Firefox's names differ). */
    static String processType(String value) {
        return value.strip();
    }

    private static boolean hasValue(String value) {
        return value != null && !value.isBlank();
    }
}
