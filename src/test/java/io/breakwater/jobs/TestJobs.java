package io.breakwater.jobs;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Jobs that exist only in tests, to watch the runner: they record the slots they ran for. */
final class TestJobs {

    private TestJobs() {
    }

    /**
     * Hourly, backfilled; sleeps on demand so that concurrent runners overlap; fails on demand. State is
     * reached through methods: tests hold a client proxy, whose fields are not the bean's.
     */
    @ApplicationScoped
    static class Recording implements MaintenanceJob {
        private final List<Instant> slots = new CopyOnWriteArrayList<>();
        private volatile boolean fail;
        private volatile long sleepMillis;

        List<Instant> slots() {
            return slots;
        }

        void reset() {
            slots.clear();
            fail = false;
            sleepMillis = 0;
        }

        void failing(boolean fail) {
            this.fail = fail;
        }

        void sleeping(long millis) {
            this.sleepMillis = millis;
        }

        public String name() {
            return "test-recording";
        }

        public String description() {
            return "records its runs (tests only)";
        }

        public JobSchedule schedule() {
            return JobSchedule.every(Duration.ofHours(1));
        }

        @Override
        public boolean backfill() {
            return true;
        }

        public String run(Instant slot, Instant lastSuccess) throws Exception {
            if (sleepMillis > 0) {
                Thread.sleep(sleepMillis);
            }
            if (fail) {
                throw new IllegalStateException("asked to fail");
            }
            slots.add(slot);
            return "ran for " + slot;
        }
    }
}
