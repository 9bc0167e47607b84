package io.breakwater.access;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class PermissionTest {

    // The Socorro names: stored in the database and used as roles, so they must never change.
    private static final Map<Permission, String> CODES = Map.of(
            Permission.VIEW_PII, "view_pii",
            Permission.VIEW_RAWDUMP, "view_rawdump",
            Permission.REPROCESS_CRASHES, "reprocess_crashes",
            Permission.UPLOAD_SYMBOLS, "upload_symbols",
            Permission.RUN_CUSTOM_QUERIES, "run_custom_queries",
            Permission.RUN_LONG_QUERIES, "run_long_queries",
            Permission.MANAGE_SIGNATURES, "manage_signatures",
            Permission.ADMIN, "admin");

    @Test
    void codesAreTheSocorroNames() {
        assertEquals(CODES.keySet(), Permission.all(), "every permission has its expected code");
        for (Permission p : Permission.values()) {
            assertEquals(CODES.get(p), p.code(), p.name());
            assertFalse(p.label().isBlank(), p.name());
            assertFalse(p.description().isBlank(), p.name());
        }
    }

    @Test
    void namesConstantsEqualTheCodes() {
        assertEquals(Permission.Names.VIEW_PII, Permission.VIEW_PII.code());
        assertEquals(Permission.Names.VIEW_RAWDUMP, Permission.VIEW_RAWDUMP.code());
        assertEquals(Permission.Names.REPROCESS_CRASHES, Permission.REPROCESS_CRASHES.code());
        assertEquals(Permission.Names.UPLOAD_SYMBOLS, Permission.UPLOAD_SYMBOLS.code());
        assertEquals(Permission.Names.RUN_CUSTOM_QUERIES, Permission.RUN_CUSTOM_QUERIES.code());
        assertEquals(Permission.Names.RUN_LONG_QUERIES, Permission.RUN_LONG_QUERIES.code());
        assertEquals(Permission.Names.ADMIN, Permission.ADMIN.code());
    }

    @Test
    void codesAreDistinct() {
        Set<String> codes = new HashSet<>();
        Arrays.stream(Permission.values()).forEach(p -> assertTrue(codes.add(p.code()), p.code()));
    }

    @Test
    void byCodeIgnoresCaseAndSurroundingSpace() {
        for (Permission p : Permission.values()) {
            assertEquals(Optional.of(p), Permission.byCode(p.code()));
            assertEquals(Optional.of(p), Permission.byCode(p.code().toUpperCase()));
            assertEquals(Optional.of(p), Permission.byCode("  " + p.code() + "\t"));
        }
        assertEquals(Optional.of(Permission.VIEW_PII), Permission.byCode("View_PII"));
    }

    @Test
    void byCodeFindsNothingForOtherNames() {
        for (String other : List.of("", " ", "view", "view pii", "view-pii", "viewpii", "superuser", "admins",
                "VIEW_PII_", "v iew_pii")) {
            assertEquals(Optional.empty(), Permission.byCode(other), other);
        }
        assertEquals(Optional.empty(), Permission.byCode(null));
    }

    @Test
    void fromCodesSkipsUnknownCodes() {
        assertEquals(EnumSet.of(Permission.VIEW_PII, Permission.ADMIN),
                Permission.fromCodes(List.of("view_pii", "retired_permission", " ADMIN ", "view_pii", "")));
        assertEquals(EnumSet.noneOf(Permission.class), Permission.fromCodes(List.of("nothing", "known")));
        assertEquals(EnumSet.noneOf(Permission.class), Permission.fromCodes(List.of()));
        assertEquals(Permission.all(),
                Permission.fromCodes(Arrays.stream(Permission.values()).map(Permission::code).toList()));
    }

    @Test
    void allIsAFreshCopy() {
        Set<Permission> all = Permission.all();
        all.remove(Permission.ADMIN);
        assertTrue(Permission.all().contains(Permission.ADMIN));
        assertEquals(8, Permission.all().size());
    }
}
