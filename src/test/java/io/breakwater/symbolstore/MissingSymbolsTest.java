package io.breakwater.symbolstore;

import io.breakwater.storage.CrashIds;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@link MissingSymbols#record} leaves in the real database when a crash is processed again. */
@QuarkusTest
class MissingSymbolsTest {

    @Inject
    MissingSymbols missingSymbols;

    @Inject
    DataSource dataSource;

    private static SymbolKey module(String name) {
        return new SymbolKey(name, UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT) + "0");
    }

    private List<String> modulesOf(String crashId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT debug_file FROM crash_missing_symbols WHERE crash_id = ? ORDER BY debug_file")) {
            ps.setString(1, crashId);
            List<String> files = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) files.add(rs.getString(1));
            }
            return files;
        }
    }

    @Test
    void recordingAgainReplacesTheModulesOfTheCrash() throws Exception {
        String crash = CrashIds.create(CrashIds.todayUtc(), 0);
        SymbolKey a = module("liba.so");
        SymbolKey b = module("libb.so");
        SymbolKey c = module("libc.so");

        missingSymbols.record(crash, List.of(a, b, b));
        assertEquals(List.of("liba.so", "libb.so"), modulesOf(crash), "duplicates are recorded once");

        missingSymbols.record(crash, List.of(b, c));
        assertEquals(List.of("libb.so", "libc.so"), modulesOf(crash));
        assertTrue(missingSymbols.crashesMissing(List.of(a), Duration.ofDays(1), 10).isEmpty());
        assertEquals(List.of(crash), missingSymbols.crashesMissing(List.of(b, c), Duration.ofDays(1), 10));

        missingSymbols.record(crash, List.of());
        assertEquals(List.of(), modulesOf(crash), "a crash with all its symbols has no rows");
    }

    @Test
    void aModuleStillMissingIsRecordedAsOfTheLatestProcessing() throws Exception {
        String crash = CrashIds.create(CrashIds.todayUtc(), 0);
        SymbolKey a = module("libold.so");
        missingSymbols.record(crash, List.of(a));
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE crash_missing_symbols SET recorded_at = now() - interval '30 days' WHERE crash_id = ?")) {
            ps.setString(1, crash);
            assertEquals(1, ps.executeUpdate());
        }
        assertTrue(missingSymbols.crashesMissing(List.of(a), Duration.ofDays(1), 10).isEmpty(), "the row looks old");

        missingSymbols.record(crash, List.of(a));
        assertEquals(List.of(crash), missingSymbols.crashesMissing(List.of(a), Duration.ofDays(1), 10),
                "processing it again refreshed the time");
        missingSymbols.forgetOlderThan(Instant.now().minus(Duration.ofDays(1)));
        assertEquals(List.of("libold.so"), modulesOf(crash));
    }

    @Inject
    MissingSymbolsRecorder recorder;

    private static com.fasterxml.jackson.databind.JsonNode processedWith(SymbolKey... missing) {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var crash = mapper.createObjectNode();
        var modules = crash.putObject("json_dump").putArray("modules");
        modules.addObject().put("debug_file", "libfine.so").put("debug_id", "ABC0").put("missing_symbols", false);
        for (SymbolKey key : missing) {
            modules.addObject().put("debug_file", key.debugFile()).put("debug_id", key.debugId())
                    .put("missing_symbols", true);
        }
        return crash;
    }

    /**
     * A crash processed for the first time with every symbol has nothing to record and nothing to clear, so the
     * recorder sends no statement: rows planted beforehand show it. Once an earlier processing may have
     * recorded rows, the same crash clears them.
     */
    @Test
    void theRecorderSkipsOnlyFirstProcessingsWithEverySymbol() throws Exception {
        String crash = CrashIds.create(CrashIds.todayUtc(), 0);
        SymbolKey a = module("libfirst.so");

        recorder.onStored(new io.breakwater.processor.ProcessedCrashStored(crash, processedWith(a), false));
        assertEquals(List.of("libfirst.so"), modulesOf(crash), "a missing module is recorded even the first time");

        recorder.onStored(new io.breakwater.processor.ProcessedCrashStored(crash, processedWith(), false));
        assertEquals(List.of("libfirst.so"), modulesOf(crash), "no statement for a first processing with every symbol");

        recorder.onStored(new io.breakwater.processor.ProcessedCrashStored(crash, processedWith(), true));
        assertEquals(List.of(), modulesOf(crash), "processing again with every symbol clears the rows");
    }
}
