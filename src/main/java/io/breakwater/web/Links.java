package io.breakwater.web;

/** URLs of the pages, with every value URL-encoded. */
final class Links {

    private Links() {
    }

    static String product(String product) {
        return "/home/product/" + Text.url(product).replace("+", "%20");
    }

    static String topCrashers(String product, String version, String processType, int days) {
        Query q = new Query().add("product", product).add("version", version).add("process_type", processType)
                .add("days", days);
        return q.url("/topcrashers/");
    }

    static String topCrashers(String product, String version, String processType, int days, boolean hideIgnored) {
        Query q = new Query().add("product", product).add("version", version).add("process_type", processType)
                .add("days", days);
        if (hideIgnored) {
            q.add("hide_ignored", 1);
        }
        return q.url("/topcrashers/");
    }

    static String signature(String signature) {
        return new Query().add("signature", signature).url("/signature/");
    }

    static String report(String crashId) {
        return "/report/index/" + Text.url(crashId);
    }

    static String login(String next) {
        return next == null || next.isEmpty() ? "/login" : new Query().add("next", next).url("/login");
    }

    /** Where to go after login: only a path of this site, never another host. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.length() > 2000 || next.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "/";
        }
        return next;
    }
}
