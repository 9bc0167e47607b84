package io.breakwater.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** POST /api/CrashSignature in Socorro's request/response shape, against the running application. */
@QuarkusTest
class CrashSignatureResourceTest {

    /** Frames of the generated corpus's abort crash, as a CrashSignature job. */
    private static Map<String, Object> abortJob() throws Exception {
        Path file = Path.of("..", "shared", "corpus", "generated", "abort", "stackwalk-m.txt");
        assumeTrue(Files.exists(file), "corpus file " + file.toAbsolutePath() + " is absent; skipping");
        List<Map<String, Object>> frames = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split("\\|", -1);
            if (f.length == 7 && f[0].equals("0")) {
                Map<String, Object> frame = new LinkedHashMap<>();
                frame.put("frame", Integer.parseInt(f[1]));
                frame.put("module", f[2].isEmpty() ? null : f[2]);
                frame.put("function", f[3].isEmpty() ? null : f[3]);
                frame.put("file", f[4].isEmpty() ? null : f[4]);
                frame.put("line", f[5].isEmpty() ? null : Integer.parseInt(f[5]));
                if (f[3].isEmpty()) {
                    frame.put(f[2].isEmpty() ? "offset" : "module_offset", f[6]);
                }
                frames.add(frame);
            }
        }
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("os", "Linux");
        job.put("crashing_thread", 0);
        job.put("threads", List.of(Map.of("frames", frames)));
        return job;
    }

    @Test
    void generatesSignaturesForEachJob() throws Exception {
        Map<String, Object> abort = abortJob();
        Map<String, Object> oom = new LinkedHashMap<>(abort);
        oom.put("oom_allocation_size", 1024);
        Map<String, Object> java = Map.of("java_stack_trace",
                "java.lang.IllegalStateException: closed\n\tat com.example.Pool.take(Pool.java:42)");
        given().contentType(ContentType.JSON).body(Map.of("jobs", List.of(abort, oom, java)))
                .when().post("/api/CrashSignature")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("results", hasSize(3))
                .body("results[0].signature", equalTo("validate_config"))
                .body("results[0].notes", empty())
                .body("results[0].extra.proto_signature", startsWith("__pthread_kill_implementation | raise | abort | validate_config"))
                .body("results[0].extra.normalized_frames[3]", equalTo("validate_config"))
                .body("results[0]", not(hasKey("debug_log")))
                .body("results[1].signature", equalTo("OOM | small"))
                .body("results[2].signature", equalTo("java.lang.IllegalStateException: closed at com.example.Pool.take(Pool.java)"))
                .body("results[2].extra", not(hasKey("proto_signature")));
    }

    @Test
    void debugLogOnRequest() throws Exception {
        given().contentType(ContentType.JSON).body(Map.of("jobs", List.of(abortJob())))
                .queryParam("debug", "true")
                .when().post("/api/CrashSignature")
                .then().statusCode(200)
                .body("results[0].debug_log", hasItem("SignatureGenerationRule: irrelevant; ignoring: \"raise\""));
    }

    @Test
    void emptyJobGivesAnEmptySignatureWithReason() {
        given().contentType(ContentType.JSON).body("{\"jobs\": [{\"mdsw_status_string\": \"ERROR_NO_THREAD_LIST\"}]}")
                .when().post("/api/CrashSignature")
                .then().statusCode(200)
                .body("results[0].signature", equalTo("EMPTY: no frame data available; ERROR_NO_THREAD_LIST"))
                .body("results[0].notes", contains("SignatureGenerationRule: CSignatureTool: no frame data for crashing thread (0)"));
    }

    @Test
    void badRequestsAreRejectedWithAReason() {
        assertBadRequest("{not json", "request body is not valid JSON");
        assertBadRequest("", "request body must be a JSON object");
        assertBadRequest("[1, 2]", "request body must be a JSON object");
        assertBadRequest("{}", "no jobs specified");
        assertBadRequest("{\"jobs\": []}", "no jobs specified");
        assertBadRequest("{\"jobs\": {\"os\": \"Linux\"}}", "jobs must be a list");
        assertBadRequest("{\"jobs\": [{}, \"job\"]}", "jobs[1]: a job must be a JSON object");
        assertBadRequest("{\"jobs\": [{\"threads\": [{\"frames\": [{\"line\": \"x\"}]}]}]}", "jobs[0].threads[0].frames[0].line: expected an integer");
        StringBuilder many = new StringBuilder("{\"jobs\": [");
        for (int i = 0; i <= CrashSignatureResource.MAX_JOBS; i++) {
            many.append(i == 0 ? "{}" : ",{}");
        }
        assertBadRequest(many.append("]}").toString(), "too many jobs");
    }

    @Test
    void onlyPost() {
        given().when().get("/api/CrashSignature").then().statusCode(405);
    }

    private static void assertBadRequest(String body, String reason) {
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/CrashSignature")
                .then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", containsString(reason));
    }
}
