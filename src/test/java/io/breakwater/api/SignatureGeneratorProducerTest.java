package io.breakwater.api;

import io.breakwater.signature.CrashData;
import io.breakwater.signature.CrashThread;
import io.breakwater.signature.Frame;
import io.breakwater.signature.SignatureGenerator;
import io.breakwater.signature.SignatureListException;
import io.breakwater.signature.SignatureLists;
import io.breakwater.signaturerules.SignatureConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which lists the application uses, from {@code breakwater.signature.lists-dir}. */
class SignatureGeneratorProducerTest {

    @TempDir
    Path dir;

    private static final CrashData ABORT = new CrashData("Linux", 0, List.of(CrashThread.of(List.of(
            Frame.ofFunction("libc.so.6", "raise", null, null), Frame.ofFunction("libc.so.6", "abort", null, null),
            Frame.ofFunction("app", "check", null, null)))), Map.of("hang_type", "-1"));

    @Test
    void defaultsWhenUnset() {
        SignatureGenerator generator = SignatureGeneratorProducer.build(config(null, false));
        assertEquals("included signature lists", generator.listSource());
        assertEquals("hang | check", generator.generate(ABORT).signature());
        assertEquals("included signature lists", SignatureGeneratorProducer.build(config("  ", false)).listSource());
    }

    @Test
    void listsFromTheDirectoryInSocorroMode() throws IOException {
        Files.writeString(dir.resolve(SignatureLists.SENTINELS), "");
        Files.writeString(dir.resolve(SignatureLists.IRRELEVANT), "raise$\n");
        Files.writeString(dir.resolve(SignatureLists.PREFIX), "abort$\n");
        Files.writeString(dir.resolve(SignatureLists.LINE_NUMBERS), "");
        SignatureGenerator generator = SignatureGeneratorProducer.build(config(dir.toString(), true));
        assertTrue(generator.listSource().contains(dir.toString()));
        // Socorro mode: the legacy hang_type is not honoured.
        assertEquals("abort | check", generator.generate(ABORT).signature());
    }

    @Test
    void badDirectoryFailsClearly() {
        SignatureListException e = assertThrows(SignatureListException.class,
                () -> SignatureGeneratorProducer.build(config(dir.resolve("missing").toString(), false)));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    /** The mapping as SmallRye would fill it from these two keys. */
    private static SignatureConfig config(String listsDir, boolean socorroCompatible) {
        return new SignatureConfig() {
            @Override
            public Optional<String> listsDir() {
                return Optional.ofNullable(listsDir);
            }

            @Override
            public boolean socorroCompatible() {
                return socorroCompatible;
            }
        };
    }
}
