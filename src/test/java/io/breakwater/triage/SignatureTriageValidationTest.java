package io.breakwater.triage;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignatureTriageValidationTest {

    private static StatusChange valid(String status, String version, List<String> links) {
        return SignatureTriage.validate("crash_me", status, version, " dev@example.com ", " note\r\nline two ", links);
    }

    private static String refused(String signature, String status, String version, String assignee, String note,
                                  List<String> links) {
        return assertThrows(IllegalArgumentException.class,
                () -> SignatureTriage.validate(signature, status, version, assignee, note, links)).getMessage();
    }

    @Test
    void acceptsAndTidiesAFix() {
        StatusChange c = valid(" FIXED ", " 120.0b2 ", List.of("https://bugs.example.com/1  http://b.example/2",
                "https://bugs.example.com/1"));
        assertEquals(SignatureStatus.Status.FIXED, c.status());
        assertEquals("120.0b2", c.fixedVersion());
        assertEquals("dev@example.com", c.assignee());
        assertEquals("note\nline two", c.note());
        assertEquals(List.of("https://bugs.example.com/1", "http://b.example/2"), c.bugLinks(), "split and deduplicated");
    }

    @Test
    void onlyAFixKeepsAVersion() {
        assertNull(valid("ignored", "9.9", null).fixedVersion());
        assertEquals(List.of(), valid("open", null, null).bugLinks());
        assertNull(SignatureTriage.validate("s", "new", null, "  ", "", List.of()).assignee(), "blank is none");
    }

    @Test
    void refusesBadInputWithTheReason() {
        assertTrue(refused("s", "fixed", null, null, null, null).contains("fixed_version"));
        assertTrue(refused("s", "fixed", "nightly", null, null, null).contains("start with a number"));
        assertTrue(refused("s", "closed", null, null, null, null).contains("one of new, open, fixed, ignored"));
        assertTrue(refused(" ", "open", null, null, null, null).contains("signature is required"));
        assertTrue(refused("a\0b", "open", null, null, null, null).contains("signature is required"));
        assertTrue(refused("s", "open", null, "x".repeat(201), null, null).contains("assignee"));
        assertTrue(refused("s", "open", null, "bell\u0007", null, null).contains("control characters"));
        assertTrue(refused("s", "open", null, "a\nb", null, null).contains("control characters"), "one line");
        assertTrue(refused("s", "open", null, null, "x".repeat(2001), null).contains("note"));
        assertTrue(refused("s", "open", null, null, null, List.of("javascript:alert(1)")).contains("http or https"));
        assertTrue(refused("s", "open", null, null, null, List.of("https:///nohost")).contains("http or https"));
        assertTrue(refused("s", "open", null, null, null, List.of("ftp://x.example/1")).contains("http or https"));
        assertTrue(refused("s", "open", null, null, null, List.of("https://x.example/" + "a".repeat(500)))
                .contains("longer than"));
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 21; i++) many.append("https://x.example/").append(i).append(' ');
        assertTrue(refused("s", "open", null, null, null, List.of(many.toString())).contains("at most 20"));
    }
}
