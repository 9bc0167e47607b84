package io.breakwater.search;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class FieldRegistryTest {

    private static InputStream json(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static final String MINIMAL = """
            {"fields": [
              {"name": "uuid", "source": ["uuid"], "query_type": "string", "storage": "keyword"},
              {"name": "date", "source": ["submitted_timestamp"], "query_type": "date", "storage": "date"}
            ]}""";

    @Test
    void builtInRegistryCoversTheProcessedCrashFields() {
        FieldRegistry r = FieldRegistry.loadDefault();
        for (String name : List.of("uuid", "date", "signature", "proto_signature", "product", "version",
                "release_channel", "build_id", "process_type", "platform", "platform_version", "cpu_arch",
                "reason", "address", "crashing_thread", "uptime", "install_age", "modules_in_stack",
                "missing_symbols", "topmost_filenames", "url", "user_comments", "email", "install_time",
                "startup_crash", "install_id")) {
            assertTrue(r.find(name).isPresent(), "missing field " + name);
        }
        assertTrue(r.get("url").isProtected());
        assertTrue(r.get("user_comments").isProtected());
        assertTrue(r.get("email").isProtected());
        assertFalse(r.get("signature").isProtected());
        assertEquals(List.of("product", "raw_crash.ProductName", "raw_crash._productName", "raw_crash.prod"),
                r.get("product").sources());
        assertEquals("signature.full", r.get("signature").exactKey());
        assertEquals("product", r.get("product").exactKey());
        assertEquals(";", r.get("modules_in_stack").split());
        assertFalse(r.publicFields().stream().anyMatch(FieldDefinition::isProtected));
        for (FieldDefinition f : r.all()) {
            assertFalse(f.description().isBlank(), "field without description: " + f.name());
        }
    }

    @Test
    void defaultOperatorsFollowTheQueryType() {
        FieldRegistry r = FieldRegistry.loadDefault();
        assertTrue(r.get("signature").allows(Operator.REGEX));
        assertFalse(r.get("signature").allows(Operator.GREATER));
        assertTrue(r.get("uptime").allows(Operator.LOWER_OR_EQUAL));
        assertFalse(r.get("uptime").allows(Operator.CONTAINS));
        assertFalse(r.get("date").allows(Operator.HAS_TERMS));
        assertTrue(r.get("startup_crash").allows(Operator.IS_TRUE));
        // restricted explicitly in the file
        assertEquals(Set.of(Operator.HAS_TERMS, Operator.IS_EXACTLY, Operator.STARTS_WITH, Operator.IS_NULL),
                r.get("uuid").operators());
    }

    @Test
    void mappingFollowsStorage() {
        Map<String, Object> props = FieldRegistry.loadDefault().mappingProperties();
        assertEquals(Map.of("type", "keyword", "ignore_above", StorageType.KEYWORD_IGNORE_ABOVE), props.get("product"));
        @SuppressWarnings("unchecked")
        Map<String, Object> signature = (Map<String, Object>) props.get("signature");
        assertEquals("text", signature.get("type"));
        assertTrue(signature.containsKey("fields"));
        assertEquals("long", ((Map<?, ?>) props.get("uptime")).get("type"));
        assertEquals("boolean", ((Map<?, ?>) props.get("startup_crash")).get("type"));
        assertEquals("date", ((Map<?, ?>) props.get("date")).get("type"));
    }

    @Test
    void laterDocumentsAddAndRedefineFields() {
        FieldRegistry r = FieldRegistry.load(List.of(json(MINIMAL), json("""
                {"fields": [
                  {"name": "gpu_vendor", "source": "raw_crash.AdapterVendorID", "query_type": "enum", "storage": "keyword"},
                  {"name": "uuid", "source": ["crash_id"], "query_type": "string", "storage": "keyword", "operators": ["="]}
                ]}""")));
        assertEquals(List.of("raw_crash.AdapterVendorID"), r.get("gpu_vendor").sources());
        assertEquals(Set.of(Operator.IS_EXACTLY), r.get("uuid").operators());
        assertEquals(3, r.all().size());
    }

    @Test
    void rejectsBadDefinitionsWithTheFieldName() {
        var e = assertThrows(IllegalArgumentException.class, () -> FieldRegistry.load(List.of(json("""
                {"fields": [{"name": "x", "source": ["x"], "query_type": "integer", "storage": "keyword"}]}"""))));
        assertTrue(e.getMessage().contains("'x'") && e.getMessage().contains("storage keyword"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> FieldRegistry.load(List.of(json("""
                {"fields": [{"name": "a.b", "source": ["x"], "query_type": "string", "storage": "keyword"}]}"""))));
        assertTrue(e.getMessage().contains("bad field name"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> FieldRegistry.load(List.of(json("""
                {"fields": [{"name": "n", "source": ["x"], "query_type": "integer", "storage": "long",
                  "operators": ["~"]}]}"""))));
        assertTrue(e.getMessage().contains("operator '~' does not apply"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> FieldRegistry.load(List.of(json("""
                {"fields": [{"name": "n", "source": ["x"], "query_type": "string", "storage": "keyword"}]}"""))));
        assertTrue(e.getMessage().contains("date field"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> FieldRegistry.load(List.of(json("{not json"))));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    }
}
