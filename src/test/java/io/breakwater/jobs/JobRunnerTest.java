package io.breakwater.jobs;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The job runner against the real job tables: due runs, the lock, backfill, failure and retry, abandonment. */
@QuarkusTest
class JobRunnerTest {

    static final String JOB = "test-recording";

    @Inject
    JobRunner runner;

    @Inject
    JobStateStore store;

    @Inject
    TestJobs.Recording job;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void reset() throws Exception {
        job.reset();
        sql("DELETE FROM job_run WHERE name = ?", ps -> ps.setString(1, JOB));
        sql("DELETE FROM job_state WHERE name = ?", ps -> ps.setString(1, JOB));
    }

    @Test
    void aDueJobRunsOnceAndIsScheduledForItsNextSlot() throws Exception {
        Instant now = Instant.now();
        store.ensure(JOB, now.minusSeconds(1));
        List<JobRunner.Outcome> outcomes = runner.runDue(now);
        assertTrue(outcomes.stream().anyMatch(o -> o.job().equals(JOB) && o.ok()), outcomes.toString());
        assertEquals(List.of(now.truncatedTo(ChronoUnit.HOURS)), job.slots());
        JobStateStore.State state = store.state(JOB).orElseThrow();
        assertEquals(now.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS), state.nextRunAt());
        assertNull(state.runningOwner(), "the lock is released");
        assertNotNull(state.lastSuccessAt());
        assertTrue(runner.runDue(now).stream().noneMatch(o -> o.job().equals(JOB)), "not due again in the same hour");
        assertEquals(1, job.slots().size());
        assertEquals("ok", store.history(JOB, 5).getFirst().outcome());
    }

    @Test
    void twoRunnersNeverRunTheSameJobAtOnce() throws Exception {
        store.ensure(JOB, Instant.now().minusSeconds(1));
        job.sleeping(1500);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Optional<JobRunner.Outcome>> attempt = () -> runner.runDue(Instant.now()).stream()
                    .filter(o -> o.job().equals(JOB)).findFirst();
            Future<Optional<JobRunner.Outcome>> a = pool.submit(attempt);
            Future<Optional<JobRunner.Outcome>> b = pool.submit(attempt);
            int ran = (a.get().isPresent() ? 1 : 0) + (b.get().isPresent() ? 1 : 0);
            assertEquals(1, ran, "exactly one runner got the lock");
            assertEquals(1, job.slots().size());
        } finally {
            pool.shutdownNow();
        }
        // Another instance (another owner) cannot take a lease that is still live.
        store.request(JOB);
        assertTrue(store.claim(JOB, "instance-a", Duration.ofMinutes(5), Instant.now()).isPresent());
        assertTrue(store.claim(JOB, "instance-b", Duration.ofMinutes(5), Instant.now()).isEmpty());
        assertTrue(store.claim(JOB, "instance-b", Duration.ofMinutes(5), Instant.now().plus(Duration.ofMinutes(6)))
                .isPresent(), "after the lease ran out, it can");
    }

    @Test
    void missedSlotsAreCaughtUpOldestFirst() throws Exception {
        Instant now = Instant.now();
        Instant current = now.truncatedTo(ChronoUnit.HOURS);
        store.ensure(JOB, now.minusSeconds(1));
        sql("UPDATE job_state SET last_success_slot = ?, next_run_at = ? WHERE name = ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(current.minus(3, ChronoUnit.HOURS)));
            ps.setTimestamp(2, Timestamp.from(current.minus(2, ChronoUnit.HOURS)));
            ps.setString(3, JOB);
        });
        runner.runDue(now);
        assertEquals(List.of(current.minus(2, ChronoUnit.HOURS), current.minus(1, ChronoUnit.HOURS), current), job.slots());
        assertEquals(current, store.state(JOB).orElseThrow().lastSuccessSlot());
    }

    @Test
    void aFailureIsRecordedAndRetriedLater() throws Exception {
        Instant now = Instant.now();
        store.ensure(JOB, now.minusSeconds(1));
        job.failing(true);
        List<JobRunner.Outcome> outcomes = runner.runDue(now);
        assertTrue(outcomes.stream().anyMatch(o -> o.job().equals(JOB) && !o.ok()));
        JobStateStore.State failed = store.state(JOB).orElseThrow();
        assertTrue(failed.lastError().contains("asked to fail"), failed.lastError());
        assertEquals(1, failed.consecutiveFailures());
        assertTrue(failed.nextRunAt().isAfter(now) && failed.nextRunAt().isBefore(now.plus(Duration.ofMinutes(5))),
                "retried after the retry delay, not the next hour: " + failed.nextRunAt());
        assertEquals("failed", store.history(JOB, 1).getFirst().outcome());

        job.failing(false);
        runner.runDue(failed.nextRunAt().plusSeconds(1));
        JobStateStore.State recovered = store.state(JOB).orElseThrow();
        assertEquals(0, recovered.consecutiveFailures());
        assertEquals(1, job.slots().size());
    }

    @Test
    void aRunWhoseInstanceDiedIsMarkedAbandoned() throws Exception {
        Instant then = Instant.now().minus(Duration.ofHours(1));
        store.ensure(JOB, then.minusSeconds(1));
        assertTrue(store.claim(JOB, "dead-instance", Duration.ofMinutes(1), then).isPresent());
        store.startRun(JOB, then, "dead-instance");
        runner.runDue(Instant.now());
        List<JobStateStore.Run> runs = store.history(JOB, 5);
        assertTrue(runs.stream().anyMatch(r -> r.owner().equals("dead-instance") && r.outcome().equals("abandoned")),
                runs.toString());
        assertEquals(1, job.slots().size(), "and the job ran anyway");
    }

    @Test
    void runNowRunsAJobThatIsNotDue() {
        store.ensure(JOB, Instant.now().plus(Duration.ofHours(1)));
        assertTrue(runner.runNow(JOB).map(JobRunner.Outcome::ok).orElse(false));
        assertEquals(1, job.slots().size());
        assertNull(store.state(JOB).orElseThrow().requestedAt());
        assertFalse(runner.all().isEmpty());
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws Exception;
    }

    private void sql(String sql, Binder binder) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            ps.executeUpdate();
        }
    }
}
