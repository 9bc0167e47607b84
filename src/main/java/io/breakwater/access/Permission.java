package io.breakwater.access;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a caller may do beyond reading public data, named as Socorro names them. Users get permissions
 * through groups; a superuser holds all of them; an API token holds a subset of its owner's.
 */
public enum Permission {
    VIEW_PII(Names.VIEW_PII, "View protected data",
            "Protected annotations and fields: URLs, e-mail addresses, user comments, install ids, registers."),
    VIEW_RAWDUMP(Names.VIEW_RAWDUMP, "View raw dumps",
            "Download minidumps and other attachments; they hold process memory."),
    REPROCESS_CRASHES(Names.REPROCESS_CRASHES, "Reprocess crashes",
            "Queue crashes for processing again (after new symbols or signature rules)."),
    UPLOAD_SYMBOLS(Names.UPLOAD_SYMBOLS, "Upload symbols", "Upload and delete Breakpad symbol files."),
    RUN_CUSTOM_QUERIES(Names.RUN_CUSTOM_QUERIES, "Run custom queries",
            "Send raw Elasticsearch queries to the crash index (they can touch protected fields)."),
    RUN_LONG_QUERIES(Names.RUN_LONG_QUERIES, "Run long queries",
            "Search over date ranges longer than the public limit."),
    MANAGE_SIGNATURES(Names.MANAGE_SIGNATURES, "Manage signatures",
            "Set a signature's status (open, fixed in a version, ignored), assignee, notes and bug links."),
    ADMIN(Names.ADMIN, "Administer", "Manage users, groups, tokens and settings; read the audit log.");

    /** The codes as compile-time constants, for {@code @RolesAllowed}. */
    public static final class Names {
        public static final String VIEW_PII = "view_pii";
        public static final String VIEW_RAWDUMP = "view_rawdump";
        public static final String REPROCESS_CRASHES = "reprocess_crashes";
        public static final String UPLOAD_SYMBOLS = "upload_symbols";
        public static final String RUN_CUSTOM_QUERIES = "run_custom_queries";
        public static final String RUN_LONG_QUERIES = "run_long_queries";
        public static final String MANAGE_SIGNATURES = "manage_signatures";
        public static final String ADMIN = "admin";

        private Names() {
        }
    }

    private final String code;
    private final String label;
    private final String description;

    Permission(String code, String label, String description) {
        this.code = code;
        this.label = label;
        this.description = description;
    }

    /** The stable name stored in the database, used as the security role and in the API. */
    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    public static Optional<Permission> byCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String c = code.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.code.equals(c)).findFirst();
    }

    /** The permissions named by {@code codes}; unknown names (say, from an older version) are skipped. */
    public static Set<Permission> fromCodes(Collection<String> codes) {
        Set<Permission> out = EnumSet.noneOf(Permission.class);
        for (String code : codes) {
            byCode(code).ifPresent(out::add);
        }
        return out;
    }

    public static Set<Permission> all() {
        return EnumSet.allOf(Permission.class);
    }
}
