package io.breakwater.local;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProcessUserTest {

    @Test
    void effectiveUidIsTheSecondFieldOfTheUidLine() {
        // A setuid-root program started by uid 1000: real 1000, effective 0.
        List<String> status = List.of("Name:\tjava", "State:\tS (sleeping)", "Uid:\t1000\t0\t0\t0",
                "Gid:\t1000\t1000\t1000\t1000");
        assertEquals(OptionalInt.of(0), ProcessUser.parseEffectiveUid(status));
        assertEquals(OptionalInt.of(10001),
                ProcessUser.parseEffectiveUid(List.of("Uid:\t0\t10001\t10001\t10001")));
    }

    @Test
    void noOrMalformedUidLineGivesNothing() {
        assertEquals(OptionalInt.empty(), ProcessUser.parseEffectiveUid(List.of("Name:\tjava")));
        assertEquals(OptionalInt.empty(), ProcessUser.parseEffectiveUid(List.of("Uid:\t1000")));
        assertEquals(OptionalInt.empty(), ProcessUser.parseEffectiveUid(List.of("Uid:\tx\ty\tz\tw")));
    }

    @Test
    void agreesWithId() throws Exception {
        Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
        int uid = Integer.parseInt(new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
        assertEquals(0, id.waitFor());
        assertEquals(OptionalInt.of(uid), ProcessUser.effectiveUid());
        assertEquals(uid == 0, ProcessUser.isRoot());
        assertEquals(uid == 0, ElasticsearchLauncher.isRoot());
    }
}
