package io.breakwater.signature;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Java signatures from a JavaStackTrace annotation (Socorro's JavaSignatureTool expectations). */
class JavaSignatureToolTest {

    private final JavaSignatureTool tool = new JavaSignatureTool();

    @Test
    void missingTrace() {
        JavaSignatureTool.JavaSignature sig = tool.generate(null, ": ");
        assertEquals("EMPTY: Java stack trace not in expected format", sig.signature());
        assertEquals(List.of("JavaSignatureTool: stack trace not in expected format"), sig.notes());
        assertEquals("EMPTY: Java stack trace not in expected format", tool.generate("", ": ").signature());
    }

    @Test
    void lineNumberOfTheFirstFrameIsRemoved() {
        JavaSignatureTool.JavaSignature sig = tool.generate(
                "SomeJavaException: totally made up  \nat org.mozilla.lars.myInvention(larsFile.java:666)", ": ");
        assertEquals("SomeJavaException: totally made up at org.mozilla.lars.myInvention(larsFile.java)", sig.signature());
        assertEquals(List.of(), sig.notes());
        assertEquals(sig.signature(), tool.generate(
                "SomeJavaException: totally made up  \nat org.mozilla.lars.myInvention(larsFile.java)", ": ").signature());
    }

    @Test
    void longDescriptionIsDropped() {
        JavaSignatureTool.JavaSignature sig = tool.generate(
                "   SomeJavaException: " + "t".repeat(1000) + "  \nat org.mozilla.lars.myInvention(larsFile.java:1234)", ": ");
        assertEquals("SomeJavaException: at org.mozilla.lars.myInvention(larsFile.java)", sig.signature());
        assertEquals(List.of("JavaSignatureTool: dropped Java exception description due to length"), sig.notes());
    }

    @Test
    void firstLineWithoutColon() {
        JavaSignatureTool.JavaSignature sig = tool.generate("   SomeJavaException\nat org.mozilla.lars.myInvention(larsFile.java:1234)", ": ");
        assertEquals("SomeJavaException: at org.mozilla.lars.myInvention(larsFile.java)", sig.signature());
        assertEquals(List.of("JavaSignatureTool: stack trace line 1 is not in the expected format"), sig.notes());
    }

    @Test
    void missingSecondLine() {
        JavaSignatureTool.JavaSignature sig = tool.generate("SomeJavaException: totally made up  \n", ": ");
        assertEquals("SomeJavaException: totally made up", sig.signature());
        assertEquals(List.of("JavaSignatureTool: stack trace line 2 is missing"), sig.notes());
        assertEquals("SomeJavaException: totally made up", tool.generate("SomeJavaException: totally made up  ", ": ").signature());
    }

    @Test
    void addressOutsideTheDescriptionIsLeftAlone() {
        assertEquals("SomeJavaException totally made up at org.mozilla.lars.myInvention(larsFile.java:@abef1234)",
                tool.generate("SomeJavaException: totally made up  \nat org.mozilla.lars.myInvention(larsFile.java:@abef1234)", " ").signature());
    }

    @Test
    void objectAddressesInTheDescriptionAreReplaced() {
        String trace = """
                java.lang.IllegalArgumentException: Given view not a child of android.widget.AbsoluteLayout@4054b560
                \tat android.view.ViewGroup.updateViewLayout(ViewGroup.java:1968)
                \tat org.mozilla.gecko.GeckoApp.repositionPluginViews(GeckoApp.java:1492)
                \tat android.os.Looper.loop(Looper.java:150)
                """;
        assertEquals("java.lang.IllegalArgumentException: Given view not a child of android.widget.AbsoluteLayout@<addr>: "
                + "at android.view.ViewGroup.updateViewLayout(ViewGroup.java)", tool.generate(trace, ": ").signature());

        String middle = """
                android.view.WindowManager$BadTokenException: Unable to add window -- token android.os.BinderProxy@406237c0 is not valid; is your activity running?
                \tat android.view.ViewRoot.setView(ViewRoot.java:533)
                """;
        assertEquals("android.view.WindowManager$BadTokenException: Unable to add window -- token android.os.BinderProxy@<addr> "
                + "is not valid; is your activity running? at android.view.ViewRoot.setView(ViewRoot.java)",
                tool.generate(middle, ": ").signature());
    }
}
