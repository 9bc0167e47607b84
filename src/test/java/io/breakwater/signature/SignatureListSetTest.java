package io.breakwater.signature;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignatureListSetTest {

    @Test
    void theBundledTextsParseToTheBundledLists() {
        SignatureLists fromTexts = SignatureListSet.defaults().toLists("bundled");
        SignatureLists bundled = SignatureLists.defaults();
        assertEquals(bundled.prefix().lines(), fromTexts.prefix().lines());
        assertEquals(bundled.irrelevant().lines(), fromTexts.irrelevant().lines());
        assertEquals(bundled.lineNumbers().lines(), fromTexts.lineNumbers().lines());
        assertEquals(bundled.sentinels().size(), fromTexts.sentinels().size());
    }

    @Test
    void anEditChangesOneFileOnly() {
        SignatureListSet base = SignatureListSet.defaults();
        SignatureListSet edited = base.with(SignatureLists.PREFIX, base.prefix() + "\nMyAllocator::alloc$\n");
        assertEquals(base.irrelevant(), edited.irrelevant());
        assertTrue(edited.toLists("edited").prefix().matches("MyAllocator::alloc"));
        assertFalse(base.toLists("base").prefix().matches("MyAllocator::alloc"));
        assertThrows(SignatureListException.class, () -> base.with("other.txt", "x"));
    }

    @Test
    void aBadLineIsReportedWithFileAndLine() {
        SignatureListSet bad = new SignatureListSet("", "fine\n# comment\nbroken(\n", "", "");
        SignatureListException e = assertThrows(SignatureListException.class, () -> bad.toLists("the edited lists"));
        assertTrue(e.getMessage().contains("the edited lists " + SignatureLists.IRRELEVANT + " line 3"), e.getMessage());
    }

    @Test
    void lineEndingsDoNotMatter() {
        assertEquals(new SignatureListSet("a\nb", "", "", ""), new SignatureListSet("a\r\nb", null, "", ""));
    }

    @Test
    void aDirectoryGivesItsFourFiles(@TempDir Path dir) throws Exception {
        for (String name : List.of(SignatureLists.SENTINELS, SignatureLists.IRRELEVANT, SignatureLists.PREFIX,
                SignatureLists.LINE_NUMBERS)) {
            Files.writeString(dir.resolve(name), "# " + name + "\nx_" + name.length() + "\n");
        }
        SignatureListSet set = SignatureListSet.fromDirectory(dir);
        assertEquals("# " + SignatureLists.PREFIX + "\nx_" + SignatureLists.PREFIX.length() + "\n", set.prefix());
        Files.delete(dir.resolve(SignatureLists.PREFIX));
        assertThrows(SignatureListException.class, () -> SignatureListSet.fromDirectory(dir));
    }
}
