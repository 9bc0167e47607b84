package io.breakwater.processor.rules;

import io.breakwater.processor.ProcessingContext;
import io.breakwater.processor.Rule;

import java.util.Map;

/**
 * {@code os_pretty_version}: the name people use. Windows kernel versions map to marketing names (build
 * 22000 and later of kernel 10.0 is Windows 11), macOS by major version, Linux from the distribution's
 * lsb-release description when the dump carries it; otherwise the OS name.
 */
public final class OsPrettyVersionRule implements Rule {

    private static final Map<String, String> WINDOWS = Map.ofEntries(
            Map.entry("3.5", "Windows NT"), Map.entry("4.0", "Windows NT"), Map.entry("4.1", "Windows 98"),
            Map.entry("4.9", "Windows Me"), Map.entry("5.0", "Windows 2000"), Map.entry("5.1", "Windows XP"),
            Map.entry("5.2", "Windows Server 2003"), Map.entry("6.0", "Windows Vista"),
            Map.entry("6.1", "Windows 7"), Map.entry("6.2", "Windows 8"), Map.entry("6.3", "Windows 8.1"),
            Map.entry("10.0", "Windows 10"));

    /** First build of kernel 10.0 released as Windows 11. */
    private static final int WINDOWS_11_BUILD = 22000;

    @Override
    public void action(ProcessingContext ctx) {
        String osName = ctx.processed().path("os_name").asText("");
        if (osName.isEmpty()) {
            ctx.processed().putNull("os_pretty_version");
            return;
        }
        ctx.processed().put("os_pretty_version", pretty(ctx, osName, ctx.processed().path("os_version").asText("")));
    }

    private static String pretty(ProcessingContext ctx, String osName, String osVersion) {
        String[] parts = osVersion.strip().split("[.\\s]+");
        int major = number(parts, 0);
        int minor = number(parts, 1);
        if (osName.startsWith("Windows")) {
            if (major < 0 || minor < 0) return osName;
            String name = WINDOWS.getOrDefault(major + "." + minor, "Windows Unknown");
            if (major == 10 && minor == 0 && number(parts, 2) >= WINDOWS_11_BUILD) name = "Windows 11";
            return name;
        }
        if (osName.equals("Mac OS X") || osName.equals("macOS")) {
            if (major >= 11) return "macOS " + major;
            if (major == 10 && minor >= 0) return (minor >= 12 ? "macOS 10." : "OS X 10.") + minor;
            return "macOS Unknown";
        }
        if (osName.equals("Linux")) {
            String description = ctx.jsonDump().path("lsb_release").path("description").asText("").strip();
            return description.isEmpty() ? osName : description;
        }
        if (osName.equals("Android") && major >= 0) {
            return "Android " + major + (minor >= 0 ? "." + minor : "");
        }
        return osName;
    }

    private static int number(String[] parts, int index) {
        if (index >= parts.length) return -1;
        String p = parts[index];
        if (p.isEmpty() || p.length() > 9 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) return -1;
        return Integer.parseInt(p);
    }
}
