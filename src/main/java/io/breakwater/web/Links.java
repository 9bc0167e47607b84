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

    static String signature(String signature) {
        return new Query().add("signature", signature).url("/signature/");
    }

    static String report(String crashId) {
        return "/report/index/" + Text.url(crashId);
    }
}
