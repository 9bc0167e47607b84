package io.breakwater.web;

import io.quarkus.qute.TemplateExtension;

import java.util.Locale;

/** Counted nouns for the templates: {@code {view.total.plural('crash report')}} → "1 crash report", "2,048 crash reports". */
@TemplateExtension
public final class Plurals {

    private Plurals() {
    }

    static String plural(Number count, String singular) {
        long n = count == null ? 0 : count.longValue();
        return String.format(Locale.ROOT, "%,d ", n) + (n == 1 ? singular : pluralOf(singular));
    }

    /** English plural of the nouns the pages count ("report", "day", "installation", "thread", "crash"). */
    static String pluralOf(String singular) {
        if (singular.endsWith("sh") || singular.endsWith("ch") || singular.endsWith("s") || singular.endsWith("x")) {
            return singular + "es";
        }
        if (singular.endsWith("y") && singular.length() > 1 && "aeiou".indexOf(singular.charAt(singular.length() - 2)) < 0) {
            return singular.substring(0, singular.length() - 1) + "ies";
        }
        return singular + "s";
    }
}
