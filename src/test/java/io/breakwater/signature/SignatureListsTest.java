package io.breakwater.signature;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loading siglist files: format, matching semantics, and clear errors. */
class SignatureListsTest {

    @TempDir
    Path dir;

    private void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content);
    }

    private void writeAll(String sentinels, String irrelevant, String prefix, String lineNumbers) throws IOException {
        write(SignatureLists.SENTINELS, sentinels);
        write(SignatureLists.IRRELEVANT, irrelevant);
        write(SignatureLists.PREFIX, prefix);
        write(SignatureLists.LINE_NUMBERS, lineNumbers);
    }

    @Test
    void commentsAndBlankLinesAreIgnoredAndEntriesTrimmed() throws IOException {
        writeAll("# a comment\n\n  _purecall  \n", "# comment\nfoo\n\n   bar$\r\n", "", "");
        SignatureLists lists = SignatureLists.fromDirectory(dir);
        assertEquals(List.of("_purecall"), lists.sentinels().stream().map(SignatureLists.Sentinel::frame).toList());
        assertEquals(List.of("foo", "bar$"), lists.irrelevant().lines());
        assertTrue(lists.source().contains(dir.toString()));
    }

    @Test
    void regexesMatchAtTheStartNotTheWholeFrame() throws IOException {
        writeAll("", "raise\nabort$\n", "", "");
        SignatureLists lists = SignatureLists.fromDirectory(dir);
        assertTrue(lists.irrelevant().matches("raise"));
        assertTrue(lists.irrelevant().matches("raise_alarm"), "a line need not match the whole frame");
        assertFalse(lists.irrelevant().matches("do_raise"), "a line must match at the start");
        assertTrue(lists.irrelevant().matches("abort"));
        assertFalse(lists.irrelevant().matches("abort_handler"), "'$' pins the end");
    }

    @Test
    void sentinelsAreExactFramesNotPatterns() throws IOException {
        writeAll("mozilla::ipc::MessageChannel::Call(IPC::Message*)\n", "", "", "");
        SignatureLists lists = SignatureLists.fromDirectory(dir);
        assertEquals("mozilla::ipc::MessageChannel::Call(IPC::Message*)", lists.sentinels().get(0).frame());
        StackSignatureTool tool = new StackSignatureTool(lists);
        assertEquals("mozilla::ipc::MessageChannel::Call(IPC::Message*)",
                tool.generate(List.of("x", "mozilla::ipc::MessageChannel::Call(IPC::Message*)"), 0).signature());
    }

    @Test
    void emptyListMatchesNothing() throws IOException {
        writeAll("", "# only a comment\n", "", "");
        SignatureLists lists = SignatureLists.fromDirectory(dir);
        assertFalse(lists.irrelevant().matches("anything"));
        assertFalse(lists.prefix().matches(""));
    }

    @Test
    void badRegexNamesFileAndLine() throws IOException {
        writeAll("", "# header\nfine\nbroken(\n", "", "");
        SignatureListException e = assertThrows(SignatureListException.class, () -> SignatureLists.fromDirectory(dir));
        assertTrue(e.getMessage().contains(SignatureLists.IRRELEVANT), e.getMessage());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("broken("), e.getMessage());
    }

    @Test
    void sentinelLinesMustCompileToo() throws IOException {
        writeAll("ok\nbad[\n", "", "", "");
        SignatureListException e = assertThrows(SignatureListException.class, () -> SignatureLists.fromDirectory(dir));
        assertTrue(e.getMessage().contains(SignatureLists.SENTINELS) && e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void missingFileOrDirectoryIsAClearError() throws IOException {
        write(SignatureLists.SENTINELS, "");
        write(SignatureLists.IRRELEVANT, "");
        write(SignatureLists.PREFIX, "");
        SignatureListException e = assertThrows(SignatureListException.class, () -> SignatureLists.fromDirectory(dir));
        assertTrue(e.getMessage().contains(SignatureLists.LINE_NUMBERS) && e.getMessage().contains("missing"), e.getMessage());
        e = assertThrows(SignatureListException.class, () -> SignatureLists.fromDirectory(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }

    @Test
    void invalidUtf8IsRejected() throws IOException {
        writeAll("", "", "", "");
        Files.write(dir.resolve(SignatureLists.PREFIX), new byte[]{'a', (byte) 0xff, '\n'});
        SignatureListException e = assertThrows(SignatureListException.class, () -> SignatureLists.fromDirectory(dir));
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void pythonSpellingsWork() throws IOException {
        writeAll("", "(?P<name>foo)(?P=name)\\Z\nstyle::gecko::wrapper::{{impl}}::\nx{,2}y$\n[[]bracket\n", "", "");
        SignatureLists lists = SignatureLists.fromDirectory(dir);
        assertTrue(lists.irrelevant().matches("foofoo"));
        assertFalse(lists.irrelevant().matches("foofoox"));
        assertTrue(lists.irrelevant().matches("style::gecko::wrapper::{{impl}}::ensure_data"));
        assertTrue(lists.irrelevant().matches("xxy"));
        assertTrue(lists.irrelevant().matches("[bracket"));
    }

    @Test
    void givenListsAreValidatedToo() {
        assertThrows(SignatureListException.class, () -> SignatureLists.of(List.of(), List.of("("), List.of(), List.of()));
    }

    @Test
    void defaultsLoadFromTheClasspath() {
        SignatureLists lists = SignatureLists.defaults();
        assertFalse(lists.irrelevant().lines().isEmpty());
        assertFalse(lists.prefix().lines().isEmpty());
        assertFalse(lists.sentinels().isEmpty());
        assertFalse(lists.lineNumbers().lines().isEmpty());
        assertEquals("included signature lists", lists.source());
    }
}
