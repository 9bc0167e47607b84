package io.breakwater.queue;

import io.breakwater.storage.CrashIds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against the real embedded PostgreSQL, each test in its own schema. */
class CrashQueueTest {

    private static final Duration LONG_LEASE = Duration.ofMinutes(10);

    private DataSource dataSource;
    private CrashQueue queue;
    private final List<Lane> wakeUps = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        dataSource = QueueTestDatabase.freshSchema("queue_test");
        queue = new CrashQueue(dataSource, 3, wakeUps::add);
    }

    private static String id() {
        return CrashIds.create(LocalDate.of(2024, 5, 1), 0);
    }

    @Test
    void enqueueIsIdempotentWhilePendingAndWakesConsumers() {
        String crash = id();
        assertTrue(queue.enqueue(crash, Lane.STANDARD));
        assertFalse(queue.enqueue(crash, Lane.STANDARD));
        assertTrue(queue.enqueue(crash, Lane.REPROCESSING, "regenerate_signature"));
        assertEquals(1, queue.counts().get(Lane.STANDARD, QueueState.PENDING));
        assertEquals(1, queue.counts().get(Lane.REPROCESSING, QueueState.PENDING));
        assertEquals(List.of(Lane.STANDARD, Lane.REPROCESSING), wakeUps);

        // Once claimed it is no longer pending: a new request queues it again.
        List<QueueItem> claimed = queue.claim("w1", 1, LONG_LEASE, List.of(Lane.STANDARD));
        assertEquals(crash, claimed.get(0).crashId());
        assertTrue(queue.enqueue(crash, Lane.STANDARD));
    }

    @Test
    void completeAllRemovesTheClaimsStillOursInOneGo() throws InterruptedException {
        String lost = id(), kept1 = id(), kept2 = id();
        queue.enqueue(lost, Lane.STANDARD);
        QueueItem expired = queue.claim("slow", 1, Duration.ofMillis(200)).get(0);
        Thread.sleep(400);
        QueueItem reclaimed = queue.claim("other", 1, LONG_LEASE).get(0);
        queue.enqueue(kept1, Lane.STANDARD);
        queue.enqueue(kept2, Lane.STANDARD);
        List<QueueItem> mine = queue.claim("w1", 2, LONG_LEASE);

        List<QueueItem> batch = new java.util.ArrayList<>(mine);
        batch.add(expired);
        List<QueueItem> done = queue.completeAll(batch);
        assertEquals(mine, done, "the expired claim is not ours any more");
        assertEquals(List.of(), queue.completeAll(List.of()));
        assertEquals(1, queue.counts().total(QueueState.CLAIMED), "only the other worker's claim is left");
        assertEquals(List.of(lost), queue.findByCrashId(lost).stream().map(QueueItem::crashId).toList());
        assertTrue(queue.complete(reclaimed));
    }

    @Test
    void claimsPriorityThenStandardThenReprocessingOldestFirst() {
        String s1 = id(), s2 = id(), r1 = id(), p1 = id(), p2 = id();
        queue.enqueue(s1, Lane.STANDARD);
        queue.enqueue(r1, Lane.REPROCESSING, "regenerate_signature");
        queue.enqueue(s2, Lane.STANDARD);
        queue.enqueue(p1, Lane.PRIORITY);
        queue.enqueue(p2, Lane.PRIORITY);

        List<QueueItem> first = queue.claim("w1", 3, LONG_LEASE);
        assertEquals(List.of(p1, p2, s1), first.stream().map(QueueItem::crashId).toList());
        List<QueueItem> rest = queue.claim("w1", 10, LONG_LEASE);
        assertEquals(List.of(s2, r1), rest.stream().map(QueueItem::crashId).toList());
        assertEquals("regenerate_signature", rest.get(1).rulesetName().orElseThrow());
        assertTrue(rest.get(0).rulesetName().isEmpty());
        assertEquals(List.of(), queue.claim("w1", 10, LONG_LEASE));

        QueueItem item = first.get(0);
        assertEquals(QueueState.CLAIMED, item.state());
        assertEquals("w1", item.leaseOwner());
        assertEquals(1, item.attempts());
        assertTrue(item.leaseExpiresAt().isAfter(java.time.Instant.now().plus(Duration.ofMinutes(9))));
    }

    @Test
    void aLiveLeaseIsNotClaimedTwiceButAnExpiredOneIs() throws InterruptedException {
        String crash = id();
        queue.enqueue(crash, Lane.STANDARD);
        QueueItem first = queue.claim("dying-worker", 1, Duration.ofMillis(200)).get(0);
        assertEquals(List.of(), queue.claim("other", 1, LONG_LEASE));

        Thread.sleep(400);
        List<QueueItem> again = queue.claim("other", 1, LONG_LEASE);
        assertEquals(1, again.size());
        QueueItem second = again.get(0);
        assertEquals(crash, second.crashId());
        assertEquals("other", second.leaseOwner());
        assertEquals(2, second.attempts());
        assertNotEquals(first.claimToken(), second.claimToken());

        // The first worker lost its claim: it can neither complete nor fail the item any more.
        assertFalse(queue.complete(first));
        assertEquals(FailOutcome.LEASE_LOST, queue.fail(first, "late", Duration.ZERO));
        assertTrue(queue.complete(second));
        assertEquals(0, queue.counts().total(QueueState.CLAIMED) + queue.counts().total(QueueState.PENDING));
    }

    @Test
    void failuresAreRetriedAfterTheDelayThenParkedWithoutBlockingTheLane() throws InterruptedException {
        String poison = id(), healthy = id();
        queue.enqueue(poison, Lane.STANDARD);

        QueueItem a1 = queue.claim("w", 1, LONG_LEASE).get(0);
        assertEquals(FailOutcome.RETRY_SCHEDULED, queue.fail(a1, "boom 1", Duration.ofMinutes(5)));
        // Not claimable during its retry delay.
        assertEquals(List.of(), queue.claim("w", 1, LONG_LEASE));
        assertEquals("boom 1", queue.find(a1.id()).orElseThrow().lastError());

        QueueItem a2 = retryNow(a1);
        assertEquals(2, a2.attempts());
        assertEquals(FailOutcome.RETRY_SCHEDULED, queue.fail(a2, "boom 2", Duration.ZERO));
        QueueItem a3 = queue.claim("w", 1, LONG_LEASE).get(0);
        assertEquals(3, a3.attempts());
        assertEquals(FailOutcome.PARKED, queue.fail(a3, "boom 3", Duration.ZERO));

        queue.enqueue(healthy, Lane.STANDARD);
        List<QueueItem> next = queue.claim("w", 5, LONG_LEASE);
        assertEquals(List.of(healthy), next.stream().map(QueueItem::crashId).toList());

        List<QueueItem> parked = queue.listParked(10);
        assertEquals(1, parked.size());
        assertEquals(poison, parked.get(0).crashId());
        assertEquals("boom 3", parked.get(0).lastError());
        assertEquals(QueueState.PARKED, parked.get(0).state());
        assertEquals(1, queue.counts().get(Lane.STANDARD, QueueState.PARKED));

        // A parked crash can be put back with fresh attempts.
        assertTrue(queue.unpark(parked.get(0).id()));
        QueueItem revived = queue.claim("w", 1, LONG_LEASE).get(0);
        assertEquals(poison, revived.crashId());
        assertEquals(1, revived.attempts());
    }

    @Test
    void aWorkerThatDiesOnTheFinalAttemptGetsTheItemParked() throws InterruptedException {
        String crash = id();
        queue.enqueue(crash, Lane.PRIORITY);
        for (int attempt = 1; attempt <= 3; attempt++) {
            QueueItem item = queue.claim("w" + attempt, 1, Duration.ofMillis(100)).get(0);
            assertEquals(attempt, item.attempts());
            Thread.sleep(250); // the worker "dies": its lease runs out
        }
        assertEquals(List.of(), queue.claim("w4", 1, LONG_LEASE));
        QueueItem parked = queue.listParked(1).get(0);
        assertEquals(crash, parked.crashId());
        assertTrue(parked.lastError().contains("expired"), parked.lastError());
    }

    @Test
    void releaseGivesTheAttemptBackAndParkParksAtOnce() {
        String a = id(), b = id();
        queue.enqueue(a, Lane.STANDARD);
        queue.enqueue(b, Lane.STANDARD);
        List<QueueItem> claimed = queue.claim("w", 2, LONG_LEASE);
        assertTrue(queue.release(claimed.get(0)));
        QueueItem again = queue.claim("w", 1, LONG_LEASE).get(0);
        assertEquals(a, again.crashId());
        assertEquals(1, again.attempts());

        assertTrue(queue.park(claimed.get(1), "unreadable minidump"));
        assertEquals("unreadable minidump", queue.listParked(5).get(0).lastError());
        assertFalse(queue.complete(claimed.get(1)));
    }

    @Test
    void failingWhileTheSameCrashIsPendingAgainMergesIntoIt() {
        String crash = id();
        queue.enqueue(crash, Lane.REPROCESSING, "regenerate_signature");
        QueueItem claimed = queue.claim("w", 1, LONG_LEASE).get(0);
        assertTrue(queue.enqueue(crash, Lane.REPROCESSING, "regenerate_signature"));
        assertEquals(FailOutcome.MERGED, queue.fail(claimed, "boom", Duration.ZERO));
        assertEquals(1, queue.findByCrashId(crash).size());
        assertEquals(QueueState.PENDING, queue.findByCrashId(crash).get(0).state());
    }

    @Test
    void concurrentWorkersNeverClaimTheSameItem() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ids.add(id());
        }
        queue.enqueueAll(ids, Lane.STANDARD, null);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<String> duplicates = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < 6; w++) {
                String worker = "w" + w;
                futures.add(pool.submit(() -> {
                    while (true) {
                        List<QueueItem> batch = queue.claim(worker, 5, LONG_LEASE);
                        if (batch.isEmpty()) {
                            return null;
                        }
                        for (QueueItem item : batch) {
                            if (!seen.add(item.crashId())) {
                                duplicates.add(item.crashId());
                            }
                            queue.complete(item);
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(), duplicates);
        assertEquals(new HashSet<>(ids), seen);
    }

    @Test
    void concurrentEnqueuesAreEachQueuedOnceAndAnsweredOnlyWhenCommitted() throws Exception {
        String shared = id();
        int threads = 16;
        int perThread = 40;
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        Set<String> createdShared = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        String crash = id();
                        assertTrue(queue.enqueue(crash, Lane.STANDARD));
                        // Acknowledged means committed: visible to any other connection right away.
                        assertEquals(1, countOnOtherConnection(crash));
                        ids.add(crash);
                    }
                    if (queue.enqueue(shared, Lane.STANDARD)) {
                        createdShared.add("thread " + thread);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, createdShared.size(), "exactly one caller creates the shared item");
        assertEquals(threads * perThread + 1, queue.counts().get(Lane.STANDARD, QueueState.PENDING));
        assertEquals(threads * perThread, new HashSet<>(ids).size());
    }

    @Test
    void enqueueAllCountsARepeatWithinTheCallOnceAndWakesTheLaneOnce() {
        String a = id();
        String b = id();
        assertEquals(2, queue.enqueueAll(List.of(a, a, b), Lane.REPROCESSING, "regenerate_signature"));
        assertEquals(2, queue.counts().get(Lane.REPROCESSING, QueueState.PENDING));
        assertEquals(List.of(Lane.REPROCESSING), wakeUps);
        assertEquals(0, queue.enqueueAll(List.of(a, b), Lane.REPROCESSING, "regenerate_signature"));
        assertEquals(List.of(Lane.REPROCESSING), wakeUps);
    }

    /** A failed batch is one failed transaction: nothing of it is queued, every caller hears of it. */
    @Test
    void aFailedBatchQueuesNoneOfItsCrashesAndTheNextBatchWorks() throws Exception {
        String good = id();
        execute("ALTER TABLE crash_queue ADD CONSTRAINT test_poison CHECK (crash_id <> 'poison')");
        assertThrows(QueueException.class, () -> queue.enqueueAll(List.of(good, "poison"), Lane.STANDARD, null));
        assertThrows(QueueException.class, () -> queue.enqueue("poison", Lane.STANDARD));
        assertEquals(0, countOnOtherConnection(good));
        assertEquals(List.of(), wakeUps);

        execute("ALTER TABLE crash_queue RENAME TO crash_queue_away");
        List<Future<Boolean>> during = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < 8; i++) {
                during.add(pool.submit(() -> queue.enqueue(id(), Lane.STANDARD)));
            }
            for (Future<Boolean> f : during) {
                java.util.concurrent.ExecutionException e =
                        assertThrows(java.util.concurrent.ExecutionException.class, f::get);
                assertTrue(e.getCause() instanceof QueueException, e.getCause().toString());
            }
        } finally {
            pool.shutdownNow();
        }
        execute("ALTER TABLE crash_queue_away RENAME TO crash_queue");
        assertEquals(0, queue.counts().get(Lane.STANDARD, QueueState.PENDING));
        assertTrue(queue.enqueue(good, Lane.STANDARD));
        assertEquals(1, countOnOtherConnection(good));
    }

    private int countOnOtherConnection(String crashId) {
        try (Connection c = dataSource.getConnection();
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM crash_queue WHERE crash_id = ?")) {
            ps.setString(1, crashId);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void execute(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Makes a delayed retry due now (instead of waiting minutes). */
    private QueueItem retryNow(QueueItem item) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE crash_queue SET available_at = now() - interval '1 second' WHERE id = " + item.id());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return queue.claim("w", 1, LONG_LEASE).get(0);
    }
}
