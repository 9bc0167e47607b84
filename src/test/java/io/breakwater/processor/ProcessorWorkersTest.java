package io.breakwater.processor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.queue.CrashQueue;
import io.breakwater.queue.FailOutcome;
import io.breakwater.queue.Lane;
import io.breakwater.queue.QueueItem;
import io.breakwater.queue.QueueState;
import io.breakwater.storage.CrashStorage;
import io.breakwater.storage.LocalFiles;
import io.breakwater.stackwalk.Stackwalker;
import io.breakwater.stackwalk.WalkCancelledException;
import io.breakwater.storage.StorageException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worker pool and workflow over an in-memory queue and storage: retry, park, timeout, shutdown. */
class ProcessorWorkersTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String ID = "de1bb258-cbbf-4589-a673-34f800160918";
    static final int MAX_ATTEMPTS = 3;

    final FakeQueue queue = new FakeQueue();
    final FakeStorage storage = new FakeStorage();
    ProcessorWorkers workers;

    DumpWalker walker = dump -> MAPPER.readTree("{\"status\": \"OK\", \"crash_info\": {\"crashing_thread\": 0}}");
    final SignatureComputer signatures = (raw, p) -> new SignatureComputer.Result("sig", "sig", List.of(), List.of());

    record Config(Duration timeout, Duration shutdownGrace) implements ProcessorConfig {
        public boolean enabled() { return true; }
        public int workers() { return 2; }
        public Duration pollInterval() { return Duration.ofMillis(50); }
        public Duration retryDelay() { return Duration.ofMillis(10); }
        public Duration maxRetryDelay() { return Duration.ofMillis(40); }
        public Optional<Path> tmpDir() { return Optional.empty(); }
        public String parkedSweep() { return "off"; }
        public Optional<Long> maxInFlightDumpBytes() { return Optional.empty(); }
        public Walk walk() { return DEFAULT_WALK; }
        public int yieldToIntakeAt() { return 1; }
    }

    static final ProcessorConfig.Walk DEFAULT_WALK = new ProcessorConfig.Walk() {
        public int maxFrames() { return 100_000; }
        public int maxOtherThreads() { return 1_000; }
        public long maxScanWords() { return 4_000_000; }
        public long maxCfiEvaluations() { return 1_000_000; }
        public long maxJsonBytes() { return 64L << 20; }
    };

    /** Set before {@link #start}: workers then give way to submissions counted there. */
    io.breakwater.queue.IntakeLoad intake;

    /** Set before {@link #start}: the workflow then takes crashes from it as the application does. */
    io.breakwater.storage.FreshCrashes fresh;

    /** Where the workflow hands stored crashes; by default search has each at once. */
    ProcessedCrashIndexer indexer = (id, p, raw) -> java.util.concurrent.CompletableFuture.completedFuture(null);

    ProcessorWorkers start(Config config) {
        DumpWalker current = new DumpWalker() {
            public JsonNode walk(Path dump) throws Exception { return walker.walk(dump); }

            public Walk walkWithNotes(Path dump) throws Exception { return walker.walkWithNotes(dump); }
        };
        CrashProcessor processor = new CrashProcessor(RuleSets.create(current, signatures), Clock.systemUTC());
        CrashWorkflow workflow = new CrashWorkflow(storage, queue, processor, indexer, config);
        workflow.fresh = fresh;
        workers = new ProcessorWorkers(queue, workflow, config);
        workers.intake = intake;
        workers.start();
        return workers;
    }

    @AfterEach
    void stop() {
        if (workers != null) workers.stop();
    }

    void addCrash(String id) {
        storage.objects.put("raw/" + id, ("{\"uuid\": \"" + id + "\", \"ProductName\": \"App\","
                + " \"submitted_timestamp\": \"2016-09-18T10:00:00+00:00\"}").getBytes(StandardCharsets.UTF_8));
        storage.objects.put("dump/" + id + "/upload_file_minidump", new byte[]{'M', 'D', 'M', 'P'});
        queue.enqueue(id, Lane.STANDARD);
    }

    JsonNode processed(String id) throws Exception {
        byte[] bytes = storage.objects.get("processed/" + id);
        return bytes == null ? null : MAPPER.readTree(bytes);
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not met in time");
            Thread.sleep(20);
        }
    }

    static io.breakwater.storage.FreshCrashes freshCrashes(Path dir) {
        io.breakwater.storage.FreshCrashes fresh = new io.breakwater.storage.FreshCrashes(
                new io.breakwater.storage.FreshCrashesConfig() {
                    public int maxEntries() { return 100; }
                    public long maxBytes() { return 1 << 20; }
                    public Duration maxAge() { return Duration.ofMinutes(10); }
                    public Optional<Path> dir() { return Optional.of(dir); }
                });
        fresh.enable();
        return fresh;
    }

    @Test
    void aCrashHandedOverByTheCollectorIsProcessedWithoutReadingStorage(@org.junit.jupiter.api.io.TempDir Path temp)
            throws Exception {
        fresh = freshCrashes(temp.resolve("fresh"));
        Path upload = Files.write(temp.resolve("upload.tmp"), new byte[]{'M', 'D', 'M', 'P'});
        byte[] raw = ("{\"uuid\": \"" + ID + "\", \"ProductName\": \"Handed\","
                + " \"submitted_timestamp\": \"2016-09-18T10:00:00+00:00\"}").getBytes(StandardCharsets.UTF_8);
        assertTrue(fresh.keep(ID, raw, Map.of("upload_file_minidump", upload)));
        List<Long> walkedSizes = new ArrayList<>();
        walker = dump -> {
            walkedSizes.add(Files.size(dump));
            return MAPPER.readTree("{\"status\": \"OK\", \"crash_info\": {\"crashing_thread\": 0}}");
        };
        // Nothing of this crash is in storage: only the hand-off can have supplied it.
        queue.enqueue(ID, Lane.STANDARD);
        start(new Config(Duration.ofSeconds(30), Duration.ofSeconds(5)));
        await(() -> queue.items.isEmpty());

        JsonNode p = processed(ID);
        assertTrue(p.get("success").asBoolean(), p.toString());
        assertEquals("Handed", p.get("product").asText(), p.toString());
        assertEquals(List.of(4L), walkedSizes, "the handed-over dump was walked");
        assertEquals(1, fresh.hits());
        try (var left = Files.list(LocalFiles.processDirectory(temp.resolve("fresh"), ""))) {
            assertEquals(0, left.count(), "the handed-over files are deleted once processed");
        }
    }

    @Test
    void aRetryReadsStorageEvenWhenTheCrashWasHandedOver(@org.junit.jupiter.api.io.TempDir Path temp) throws Exception {
        fresh = freshCrashes(temp.resolve("fresh"));
        addCrash(ID);
        byte[] stale = ("{\"uuid\": \"" + ID + "\", \"ProductName\": \"Stale\","
                + " \"submitted_timestamp\": \"2016-09-18T10:00:00+00:00\"}").getBytes(StandardCharsets.UTF_8);
        fresh.keep(ID, stale, Map.of("upload_file_minidump", Files.write(temp.resolve("u"), new byte[]{1})));
        Config config = new Config(Duration.ofSeconds(30), Duration.ofSeconds(5));
        CrashProcessor processor = new CrashProcessor(RuleSets.create(walker, signatures), Clock.systemUTC());
        CrashWorkflow workflow = new CrashWorkflow(storage, queue, processor, indexer, config);
        workflow.fresh = fresh;
        // An earlier attempt may have died half-way: only a first attempt trusts the hand-off.
        QueueItem secondAttempt = new QueueItem(1, ID, Lane.STANDARD, null, QueueState.CLAIMED, 2, Instant.now(),
                "worker", UUID.randomUUID(), "lease expired", Instant.now());
        JsonNode p = workflow.process(secondAttempt).crash();
        assertEquals("App", p.get("product").asText(), "read from storage: " + p);
        assertEquals(0, fresh.hits());
    }

    @Test
    void whileSubmissionsArriveOnlyTheFirstWorkerProcessesThenAllDo() throws Exception {
        intake = new io.breakwater.queue.IntakeLoad();
        io.breakwater.queue.IntakeLoad.Ticket submission = intake.enter();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CountDownLatch[] together = {new CountDownLatch(2)};
        walker = dump -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                // Waits for a second walk to run beside this one; in the busy phase none may come.
                together[0].countDown();
                together[0].await(1, TimeUnit.SECONDS);
            } finally {
                running.decrementAndGet();
            }
            return MAPPER.readTree("{\"status\": \"OK\", \"crash_info\": {\"crashing_thread\": 0}}");
        };
        for (int i = 0; i < 4; i++) addCrash("aaaaaaa" + i + "-cbbf-4589-a673-34f800160918");
        start(new Config(Duration.ofSeconds(30), Duration.ofSeconds(5)));
        await(() -> queue.items.isEmpty());
        assertEquals(1, mostAtOnce.get(), "one worker while a submission is in progress");
        assertTrue(workers.yieldedCount() > 0);

        submission.close();
        mostAtOnce.set(0);
        together[0] = new CountDownLatch(2);
        for (int i = 4; i < 8; i++) addCrash("aaaaaaa" + i + "-cbbf-4589-a673-34f800160918");
        await(() -> queue.items.isEmpty());
        assertEquals(2, mostAtOnce.get(), "both workers once the submissions are over");
    }

    @Test
    void processesQueuedCrashAndCompletesIt() throws Exception {
        addCrash(ID);
        start(new Config(Duration.ofSeconds(30), Duration.ofSeconds(5)));
        await(() -> queue.items.isEmpty());
        JsonNode p = processed(ID);
        assertEquals("sig", p.get("signature").asText());
        assertTrue(p.get("success").asBoolean());
        assertEquals(1, workers.processedCount());
    }

    @Test
    void anItemIsCompletedOnlyOnceSearchHasTheCrash() throws Exception {
        java.util.concurrent.CompletableFuture<Object> indexed = new java.util.concurrent.CompletableFuture<>();
        indexer = (id, p, raw) -> indexed;
        addCrash(ID);
        start(new Config(Duration.ofSeconds(30), Duration.ofSeconds(5)));
        await(() -> workers.processedCount() == 1);
        assertTrue(processed(ID).get("success").asBoolean(), "stored");
        Thread.sleep(100);
        assertEquals(1, queue.items.size(), "still claimed while search is on its way");
        assertEquals(0, workers.completedCount());
        indexed.complete(null);
        await(() -> queue.items.isEmpty());
        assertEquals(1, workers.completedCount());
    }

    @Test
    void aStoredCrashIsCompletedEvenWhenSearchCouldNotKeepIt() throws Exception {
        indexer = (id, p, raw) -> java.util.concurrent.CompletableFuture.failedFuture(
                new IllegalStateException("neither search nor its backlog answered"));
        addCrash(ID);
        start(new Config(Duration.ofSeconds(30), Duration.ofSeconds(5)));
        await(() -> queue.items.isEmpty());
        assertEquals(1, workers.completedCount());
        assertTrue(processed(ID).get("success").asBoolean());
    }

    @Test
    void stoppingWaitsForSearchWithinTheGrace() throws Exception {
        java.util.concurrent.CompletableFuture<Object> indexed = new java.util.concurrent.CompletableFuture<>();
        indexer = (id, p, raw) -> indexed;
        addCrash(ID);
        start(new Config(Duration.ofSeconds(30), Duration.ofSeconds(5)));
        await(() -> workers.processedCount() == 1);
        java.util.concurrent.CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(() -> indexed.complete(null));
        workers.stop();
        assertTrue(queue.items.isEmpty(), "completed during the shutdown grace");
    }

    @Test
    void transientFailuresAreRetriedThenSucceed() throws Exception {
        storage.failRawReads.set(2);
        addCrash(ID);
        start(new Config(Duration.ofSeconds(30), Duration.ofSeconds(5)));
        await(() -> queue.items.isEmpty());
        assertEquals(3, queue.claims.get());
        assertEquals(List.of(Duration.ofMillis(10), Duration.ofMillis(20)), queue.retryDelays);
        assertTrue(processed(ID).get("success").asBoolean());
    }

    @Test
    void persistentFailureParksAndStoresAFailureRecord() throws Exception {
        storage.failRawReads.set(Integer.MAX_VALUE);
        addCrash(ID);
        start(new Config(Duration.ofSeconds(30), Duration.ofSeconds(5)));
        await(() -> queue.parked(ID) && storage.objects.containsKey("processed/" + ID));
        JsonNode p = processed(ID);
        assertFalse(p.get("success").asBoolean());
        assertTrue(p.get("processor_notes").asText().contains("after 3 attempts"), p.toString());
        assertTrue(p.get("processor_notes").asText().contains("storage unavailable"), p.toString());
        assertEquals(ID, p.get("crash_id").asText());
        assertEquals(MAX_ATTEMPTS, queue.claims.get());
    }

    @Test
    void otherCrashesAreNotBlockedByAFailingOne() throws Exception {
        String good = "aaaaaaaa-cbbf-4589-a673-34f800160918";
        storage.failRawReadsFor = ID;
        storage.failRawReads.set(Integer.MAX_VALUE);
        addCrash(ID);
        addCrash(good);
        start(new Config(Duration.ofSeconds(30), Duration.ofSeconds(5)));
        await(() -> queue.parked(ID));
        await(() -> storage.objects.containsKey("processed/" + good));
        assertTrue(processed(good).get("success").asBoolean());
    }

    @Test
    void missingRawCrashIsParkedAtOnce() throws Exception {
        queue.enqueue(ID, Lane.STANDARD);
        start(new Config(Duration.ofSeconds(30), Duration.ofSeconds(5)));
        await(() -> queue.parked(ID));
        assertEquals(1, queue.claims.get());
        assertTrue(queue.items.get(0).lastError().contains("not found"));
    }

    @Test
    void malformedCrashIdIsParkedAtOnce() throws Exception {
        queue.enqueue("../../etc/passwd", Lane.REPROCESSING);
        start(new Config(Duration.ofSeconds(30), Duration.ofSeconds(5)));
        await(() -> queue.parked("../../etc/passwd"));
        assertEquals(1, queue.claims.get());
        assertTrue(storage.objects.keySet().stream().noneMatch(k -> k.startsWith("processed/")));
    }

    @Test
    void rawCrashThatIsNotJsonIsParkedWithAFailureRecord() throws Exception {
        addCrash(ID);
        storage.objects.put("raw/" + ID, "not json".getBytes(StandardCharsets.UTF_8));
        start(new Config(Duration.ofSeconds(30), Duration.ofSeconds(5)));
        await(() -> queue.parked(ID) && storage.objects.containsKey("processed/" + ID));
        assertFalse(processed(ID).get("success").asBoolean());
        assertEquals(1, queue.claims.get());
    }

    @Test
    void slowCrashTimesOutAndIsParkedAtOnce() throws Exception {
        walker = dump -> {
            Thread.sleep(60_000);
            return null;
        };
        addCrash(ID);
        start(new Config(Duration.ofMillis(200), Duration.ofSeconds(5)));
        await(() -> queue.parked(ID) && storage.objects.containsKey("processed/" + ID));
        assertTrue(processed(ID).get("processor_notes").asText().contains("timed out"));
        assertFalse(processed(ID).get("success").asBoolean());
        assertEquals(1, queue.claims.get(), "a walk that timed out is parked for reprocessing, not retried");
        assertTrue(queue.items.get(0).lastError().contains("timed out"), queue.items.get(0).lastError());
    }

    @Test
    void aTimedOutWalkStopsAndFreesItsThread() throws Exception {
        // A busy walk (no sleeping): only the engine's cooperative check sees the interrupt.
        CountDownLatch finished = new CountDownLatch(1);
        String good = "aaaaaaaa-cbbf-4589-a673-34f800160918";
        walker = dump -> {
            if (!dump.getParent().getFileName().toString().contains(ID)) return MAPPER.readTree("{\"status\": \"OK\"}");
            try {
                while (true) {
                    if (Stackwalker.Budgets.ON_INTERRUPT.getAsBoolean()) throw new WalkCancelledException("stack walk cancelled");
                    Thread.onSpinWait();
                }
            } finally {
                finished.countDown();
            }
        };
        addCrash(ID);
        start(new Config(Duration.ofMillis(300), Duration.ofSeconds(5)));
        await(() -> queue.parked(ID) && storage.objects.containsKey("processed/" + ID));
        assertTrue(finished.await(10, TimeUnit.SECONDS), "the walk thread returned");
        addCrash(good);
        await(() -> storage.objects.containsKey("processed/" + good));
        assertTrue(processed(good).get("success").asBoolean());
    }

    @Test
    void outOfMemoryInAWalkParksTheCrashAndTheWorkersServeOn() throws Exception {
        String good = "aaaaaaaa-cbbf-4589-a673-34f800160918";
        walker = dump -> {
            if (dump.getParent().getFileName().toString().contains(ID)) throw new OutOfMemoryError("Java heap space");
            return MAPPER.readTree("{\"status\": \"OK\"}");
        };
        addCrash(ID);
        addCrash(good);
        start(new Config(Duration.ofSeconds(30), Duration.ofSeconds(5)));
        await(() -> queue.parked(ID) && storage.objects.containsKey("processed/" + ID));
        await(() -> storage.objects.containsKey("processed/" + good));
        assertEquals(2, queue.claims.get(), "each crash claimed once: the one out of memory parked at its first attempt");
        assertTrue(processed(ID).get("processor_notes").asText().contains("out of memory"));
        assertFalse(processed(ID).get("success").asBoolean());
        assertTrue(processed(good).get("success").asBoolean());
    }

    @Test
    void anAmplificationDumpEndsAsAPartialProcessedCrash() throws Exception {
        EngineDumpWalker engine = new EngineDumpWalker((file, id) -> io.breakwater.symbols.SymbolSupplier.SymbolResult.missing());
        walker = engine;
        addCrash(ID);
        storage.objects.put("dump/" + ID + "/upload_file_minidump",
                io.breakwater.minidump.synth.AmplificationDumps.manyThreadsOneFramePointerStack(10_000, 64 * 1024));
        start(new Config(Duration.ofSeconds(60), Duration.ofSeconds(5)));
        await(() -> queue.items.isEmpty());
        JsonNode p = processed(ID);
        assertTrue(p.get("success").asBoolean(), p.get("processor_notes").asText());
        assertTrue(p.get("processor_notes").asText().contains("stackwalk of upload_file_minidump is partial: frame budget"),
                p.get("processor_notes").asText());
        long frames = 0;
        for (JsonNode t : p.path("json_dump").path("threads")) frames += t.path("frames").size();
        assertEquals(10_000, p.path("json_dump").path("threads").size());
        assertTrue(frames > 0 && frames <= 100_000, "frames: " + frames);
    }

    @Test
    void budgetNotesOfAPartialWalkReachTheProcessorNotes() throws Exception {
        DumpWalker partial = new DumpWalker() {
            public JsonNode walk(Path dump) throws Exception { return walkWithNotes(dump).json(); }

            public Walk walkWithNotes(Path dump) throws Exception {
                return new Walk(MAPPER.readTree("{\"status\": \"OK\"}"),
                        List.of("frame budget of 100000 exhausted; 940 threads not walked"));
            }
        };
        CrashProcessor processor = new CrashProcessor(RuleSets.create(partial, signatures), Clock.systemUTC());
        Config config = new Config(Duration.ofSeconds(30), Duration.ofSeconds(5));
        workers = new ProcessorWorkers(queue, new CrashWorkflow(storage, queue, processor, (id, p, raw) -> java.util.concurrent.CompletableFuture.completedFuture(null), config), config);
        addCrash(ID);
        workers.start();
        await(() -> queue.items.isEmpty());
        JsonNode p = processed(ID);
        assertTrue(p.get("success").asBoolean(), "a partial walk is a processed crash");
        assertTrue(p.get("processor_notes").asText().contains(
                "stackwalk of upload_file_minidump is partial: frame budget of 100000 exhausted; 940 threads not walked"),
                p.get("processor_notes").asText());
    }

    @Test
    void shutdownReleasesCrashesStillRunningAfterTheGracePeriod() throws Exception {
        CountDownLatch walking = new CountDownLatch(1);
        walker = dump -> {
            walking.countDown();
            Thread.sleep(60_000);
            return null;
        };
        addCrash(ID);
        start(new Config(Duration.ofSeconds(60), Duration.ofMillis(200)));
        assertTrue(walking.await(10, TimeUnit.SECONDS));
        workers.stop();
        assertEquals(1, queue.releases.get());
        assertEquals(QueueState.PENDING, queue.items.get(0).state());
        assertEquals(0, queue.items.get(0).attempts(), "a release gives the attempt back");
        assertFalse(storage.objects.containsKey("processed/" + ID));
    }

    @Test
    void shutdownLetsQuickCrashesFinish() throws Exception {
        CountDownLatch walking = new CountDownLatch(1);
        walker = dump -> {
            walking.countDown();
            Thread.sleep(300);
            return MAPPER.readTree("{\"status\": \"OK\"}");
        };
        addCrash(ID);
        start(new Config(Duration.ofSeconds(60), Duration.ofSeconds(10)));
        assertTrue(walking.await(10, TimeUnit.SECONDS));
        workers.stop();
        assertTrue(queue.items.isEmpty());
        assertTrue(processed(ID).get("success").asBoolean());
    }

    @Test
    void backoffDoublesUpToTheCap() {
        Config config = new Config(Duration.ofSeconds(1), Duration.ofSeconds(1));
        CrashWorkflow workflow = new CrashWorkflow(storage, queue, null, null, config);
        assertEquals(Duration.ofMillis(10), workflow.retryDelay(1));
        assertEquals(Duration.ofMillis(20), workflow.retryDelay(2));
        assertEquals(Duration.ofMillis(40), workflow.retryDelay(3));
        assertEquals(Duration.ofMillis(40), workflow.retryDelay(30));
    }

    /** The queue's contract in memory: lanes in order, attempts counted per claim, park after the last. */
    static final class FakeQueue extends CrashQueue {
        final List<QueueItem> items = new ArrayList<>();
        final AtomicInteger claims = new AtomicInteger();
        final AtomicInteger releases = new AtomicInteger();
        final List<Duration> retryDelays = new ArrayList<>();
        long nextId = 1;

        FakeQueue() {
            super(null, MAX_ATTEMPTS, lane -> { });
        }

        @Override
        public boolean enqueue(String crashId, Lane lane, String ruleset) {
            return enqueueAll(List.of(crashId), lane, ruleset) == 1;
        }

        @Override
        public synchronized int enqueueAll(java.util.Collection<String> crashIds, Lane lane, String ruleset) {
            for (String id : crashIds) {
                items.add(new QueueItem(nextId++, id, lane, ruleset, QueueState.PENDING, 0, Instant.now(), null, null,
                        null, Instant.now()));
            }
            return crashIds.size();
        }

        @Override
        public synchronized List<QueueItem> claim(String workerId, int max, Duration lease) {
            Instant now = Instant.now();
            for (int i = 0; i < items.size(); i++) {
                QueueItem q = items.get(i);
                if (q.state() != QueueState.PARKED && !q.availableAt().isAfter(now)) {
                    QueueItem claimed = new QueueItem(q.id(), q.crashId(), q.lane(), q.ruleset(), QueueState.CLAIMED,
                            q.attempts() + 1, now.plus(lease), workerId, UUID.randomUUID(), q.lastError(), q.enqueuedAt());
                    items.set(i, claimed);
                    claims.incrementAndGet();
                    return List.of(claimed);
                }
            }
            return List.of();
        }

        private int indexOf(QueueItem claimed) {
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).id() == claimed.id() && claimed.claimToken().equals(items.get(i).claimToken())) return i;
            }
            return -1;
        }

        @Override
        public synchronized boolean complete(QueueItem claimed) {
            int i = indexOf(claimed);
            if (i >= 0) items.remove(i);
            return i >= 0;
        }

        @Override
        public synchronized List<QueueItem> completeAll(List<QueueItem> claimed) {
            return claimed.stream().filter(this::complete).toList();
        }

        @Override
        public synchronized FailOutcome fail(QueueItem claimed, String error, Duration retryDelay) {
            int i = indexOf(claimed);
            if (i < 0) return FailOutcome.LEASE_LOST;
            boolean park = claimed.attempts() >= MAX_ATTEMPTS;
            if (!park) retryDelays.add(retryDelay);
            items.set(i, new QueueItem(claimed.id(), claimed.crashId(), claimed.lane(), claimed.ruleset(),
                    park ? QueueState.PARKED : QueueState.PENDING, claimed.attempts(), Instant.now().plus(retryDelay),
                    null, null, error, claimed.enqueuedAt()));
            return park ? FailOutcome.PARKED : FailOutcome.RETRY_SCHEDULED;
        }

        @Override
        public synchronized boolean park(QueueItem claimed, String reason) {
            int i = indexOf(claimed);
            if (i < 0) return false;
            items.set(i, new QueueItem(claimed.id(), claimed.crashId(), claimed.lane(), claimed.ruleset(),
                    QueueState.PARKED, claimed.attempts(), Instant.now(), null, null, reason, claimed.enqueuedAt()));
            return true;
        }

        @Override
        public synchronized boolean release(QueueItem claimed) {
            int i = indexOf(claimed);
            if (i < 0) return false;
            releases.incrementAndGet();
            items.set(i, new QueueItem(claimed.id(), claimed.crashId(), claimed.lane(), claimed.ruleset(),
                    QueueState.PENDING, claimed.attempts() - 1, Instant.now(), null, null, null, claimed.enqueuedAt()));
            return true;
        }

        synchronized boolean parked(String crashId) {
            return items.stream().anyMatch(q -> q.crashId().equals(crashId) && q.state() == QueueState.PARKED);
        }
    }

    /** Object storage in memory, with switchable failures of raw-crash reads. */
    static final class FakeStorage extends CrashStorage {
        final Map<String, byte[]> objects = new ConcurrentHashMap<>();
        final AtomicInteger failRawReads = new AtomicInteger();
        volatile String failRawReadsFor;

        FakeStorage() {
            super(null);
        }

        @Override
        public Optional<byte[]> loadRawCrashBytes(String crashId) {
            if ((failRawReadsFor == null || failRawReadsFor.equals(crashId)) && failRawReads.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                throw new StorageException("storage unavailable");
            }
            return Optional.ofNullable(objects.get("raw/" + crashId));
        }

        @Override
        public Optional<byte[]> loadProcessedCrashBytes(String crashId) {
            return Optional.ofNullable(objects.get("processed/" + crashId));
        }

        @Override
        public void saveProcessedCrash(String crashId, byte[] json) {
            objects.put("processed/" + crashId, json);
        }

        @Override
        public List<String> listDumps(String crashId) {
            return objects.containsKey("dump/" + crashId + "/upload_file_minidump") ? List.of("upload_file_minidump") : List.of();
        }

        @Override
        public boolean copyDumpTo(String crashId, String dumpName, Path target) {
            byte[] bytes = objects.get("dump/" + crashId + "/" + dumpName);
            if (bytes == null) return false;
            try {
                Files.write(target, bytes);
            } catch (java.io.IOException e) {
                throw new StorageException("write failed", e);
            }
            return true;
        }
    }
}
