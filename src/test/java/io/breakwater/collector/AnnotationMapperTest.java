package io.breakwater.collector;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class AnnotationMapperTest {

    private static Map<String, String> map(Map<String, String> sent) {
        Map<String, String> annotations = new LinkedHashMap<>(sent);
        List<String> notes = new ArrayList<>();
        AnnotationMapper.applyCanonicalNames(annotations, new HashMap<>(sent), notes);
        return annotations;
    }

    @Test
    void crashpadNames() {
        Map<String, String> a = map(Map.of("prod", "crashgen", "ver", "1.0.0", "ptype", "browser", "ptime", "12345",
                "channel", "beta", "guid", "3f2c"));
        assertEquals("crashgen", a.get("ProductName"));
        assertEquals("1.0.0", a.get("Version"));
        assertEquals("browser", a.get("ProcessType"), "Chrome's name is kept, not made Firefox's");
        assertEquals("beta", a.get("ReleaseChannel"));
        assertEquals("12.345", a.get("UptimeTS"));
        // originals kept verbatim
        assertEquals("crashgen", a.get("prod"));
        assertEquals("browser", a.get("ptype"));
        assertEquals("3f2c", a.get("guid"));
    }

    @Test
    void electronAppNamesWinOverElectronItself() {
        Map<String, String> a = map(Map.of("prod", "Electron", "ver", "30.0.1", "_productName", "MyApp",
                "_version", "2.3.4", "process_type", "renderer"));
        assertEquals("MyApp", a.get("ProductName"));
        assertEquals("2.3.4", a.get("Version"));
        assertEquals("renderer", a.get("ProcessType"));
    }

    @Test
    void canonicalValuesAlreadyPresentAreNotTouched() {
        Map<String, String> a = map(Map.of("ProductName", "Firefox", "prod", "Other", "BuildID", "20240101",
                "build_id", "1"));
        assertEquals("Firefox", a.get("ProductName"));
        assertEquals("20240101", a.get("BuildID"));
        assertFalse(a.containsKey("Version"));
    }

    @Test
    void queryStyleNamesAndOddValues() {
        Map<String, String> a = map(Map.of("product", "crashgen", "version", "1.0.0", "ptype", "gpu-process",
                "ptime", "soon"));
        assertEquals("crashgen", a.get("ProductName"));
        assertEquals("1.0.0", a.get("Version"));
        assertEquals("gpu-process", a.get("ProcessType"));
        assertFalse(a.containsKey("UptimeTS"));
    }
}
