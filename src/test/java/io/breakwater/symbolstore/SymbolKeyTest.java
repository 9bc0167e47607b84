package io.breakwater.symbolstore;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SymbolKeyTest {

    @Test
    void layoutFollowsTheSymbolServerConvention() {
        assertEquals("libc.so.6/ABC0/libc.so.6.sym", new SymbolKey("libc.so.6", "abc0").objectKey());
        assertEquals("xul.pdb/ABC0/xul.sym", new SymbolKey("xul.pdb", "ABC0").objectKey());
        assertEquals("XUL.PDB/ABC0/XUL.sym", new SymbolKey("XUL.PDB", "ABC0").objectKey());
        assertEquals("XUL/ABC0/XUL.sym", new SymbolKey("XUL", "ABC0").objectKey());
        assertEquals(".pdb/ABC0/.pdb.sym", new SymbolKey(".pdb", "ABC0").objectKey());
    }

    @Test
    void modulesNamedByFullPathUseTheBaseName() {
        assertEquals(Optional.of(new SymbolKey("app.pdb", "ABC0")), SymbolKey.forModule("C:\\build\\out\\app.pdb", "abc0"));
        assertEquals(Optional.of(new SymbolKey("libfoo.so", "ABC0")), SymbolKey.forModule("/usr/lib/libfoo.so", "ABC0"));
        assertTrue(SymbolKey.forModule("/usr/lib/", "ABC0").isEmpty());
        assertTrue(SymbolKey.forModule("..", "ABC0").isEmpty());
        assertTrue(SymbolKey.forModule("a", "../x").isEmpty());
        assertTrue(SymbolKey.forModule("a", "").isEmpty());
        assertTrue(SymbolKey.forModule(null, "ABC").isEmpty());
        assertTrue(SymbolKey.forModule("a\u0000b", "ABC").isEmpty());
    }

    @Test
    void refusesNamesThatAreNotOnePathComponent() {
        assertThrows(IllegalArgumentException.class, () -> new SymbolKey("a/b", "ABC"));
        assertThrows(IllegalArgumentException.class, () -> new SymbolKey("a\\b", "ABC"));
        assertThrows(IllegalArgumentException.class, () -> new SymbolKey(".", "ABC"));
        assertThrows(IllegalArgumentException.class, () -> new SymbolKey("x".repeat(256), "ABC"));
        assertThrows(IllegalArgumentException.class, () -> new SymbolKey("a", "AB-C"));
        assertThrows(IllegalArgumentException.class, () -> new SymbolKey("a", "A".repeat(81)));
    }
}
