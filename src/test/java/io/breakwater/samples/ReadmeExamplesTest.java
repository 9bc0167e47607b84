package io.breakwater.samples;

import io.breakwater.access.Permission;
import io.breakwater.processor.ProcessorRunningProfile;
import io.breakwater.testsupport.TestAccounts;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The README's client example, taken from between its {@code readme-example} markers and run literally with
 * bash against this test server (processor on): the sample's symbols are uploaded, the sample crash is
 * submitted, and Super Search finds it under its signature.
 */
@QuarkusTest
@TestProfile(ProcessorRunningProfile.class)
class ReadmeExamplesTest {

    private static final Pattern EXAMPLE = Pattern.compile(
            "<!-- readme-example:begin -->\\s*```sh\\n(.*?)```\\s*<!-- readme-example:end -->", Pattern.DOTALL);

    @TestHTTPResource("/")
    URL base;

    static String readmeExample() throws IOException {
        Matcher m = EXAMPLE.matcher(Files.readString(Path.of("README.md")));
        assertTrue(m.find(), "README.md has a readme-example block");
        String script = m.group(1);
        assertTrue(!m.find(), "README.md has one readme-example block");
        return script;
    }

    @Test
    void readmeClientExampleRunsAsWritten() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")) || Files.isExecutable(Path.of("/bin/curl")),
                "curl is not installed");
        String script = readmeExample();
        String url = base.toString().replaceAll("/$", "");
        ProcessBuilder bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
                .directory(Path.of("").toAbsolutePath().toFile())
                .redirectErrorStream(true);
        bash.environment().put("BREAKWATER_URL", url);
        bash.environment().put("BREAKWATER_TOKEN", TestAccounts.token(Permission.UPLOAD_SYMBOLS));
        Process process = bash.start();
        process.getOutputStream().close();
        // The script's own loop bounds it (60 tries, 2 s apart); this only stops a hung curl.
        boolean ended = process.waitFor(5, TimeUnit.MINUTES);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ended) {
            process.destroyForcibly();
        }
        assertTrue(ended, "the README example did not end: " + output);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("sample_app.sym"), "symbols upload answer lists the stored file: " + output);
        assertTrue(Pattern.compile("CrashID=bp-[0-9a-f-]{36}").matcher(output).find(), output);
        assertTrue(output.contains("\"signature\":\"sample_write_null\""), "found by its signature: " + output);
    }
}
