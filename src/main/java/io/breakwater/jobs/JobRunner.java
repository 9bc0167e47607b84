package io.breakwater.jobs;

import io.breakwater.instance.Roles;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@link MaintenanceJob}s, Socorro {@code cronrun}-style, with their state in PostgreSQL: each
 * tick, every due job whose lock is free is claimed (one instance wins when several share the database),
 * run for the slot it is due for (or once per missed slot after downtime, for backfilled jobs), and its
 * success or error recorded; failures are retried after a growing delay. A lease renewed while the job
 * runs makes a job whose instance died runnable again.
 * <p>
 * Each run of a slot on this instance counts in {@code breakwater_job_runs_total{job, outcome=ok|failed}} and
 * its time in {@code breakwater_job_run_seconds{job}}; the last success (any instance) is a gauge of
 * {@code io.breakwater.metrics}, read from the job table.
 */
@ApplicationScoped
public class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class);

    @Inject
    @Any
    Instance<MaintenanceJob> jobs;

    @Inject
    JobStateStore store;

    @Inject
    JobsConfig config;

    @Inject
    Roles roles;

    @Inject
    MeterRegistry meters;

    private final String owner = instanceName();
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "job-lease-renewer");
        t.setDaemon(true);
        return t;
    });

    /** What one tick did, per job that ran: its summary or error. */
    public record Outcome(String job, boolean ok, String message) {
    }

    @Scheduled(identity = "maintenance-jobs", every = "${breakwater.jobs.tick:30s}", delayed = "20s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!roles.has(Roles.Role.JOBS)) {
            return;
        }
        try {
            runDue(Instant.now());
        } catch (RuntimeException e) {
            LOG.warnf("maintenance jobs not run this time: %s", e.getMessage());
        }
    }

    /** Every job's series exist from the start, at 0. */
    void registerMeters(@Observes StartupEvent event) {
        for (MaintenanceJob job : all()) {
            runs(job.name(), true);
            runs(job.name(), false);
            runTime(job.name());
        }
    }

    private Counter runs(String job, boolean ok) {
        return Counter.builder("breakwater.job.runs").description("Maintenance job runs (one per slot) on this instance")
                .tag("job", job).tag("outcome", ok ? "ok" : "failed").register(meters);
    }

    private Timer runTime(String job) {
        return Timer.builder("breakwater.job.run").description("Time of one maintenance job run (one slot)")
                .tag("job", job).register(meters);
    }

    public String owner() {
        return owner;
    }

    public List<MaintenanceJob> all() {
        List<MaintenanceJob> list = new ArrayList<>();
        jobs.forEach(list::add);
        list.sort(Comparator.comparing(MaintenanceJob::name));
        return list;
    }

    public Optional<MaintenanceJob> job(String name) {
        return all().stream().filter(j -> j.name().equals(name)).findFirst();
    }

    /** Runs every job that is due (or asked for) and whose lock this instance gets. */
    public List<Outcome> runDue(Instant now) {
        List<Outcome> outcomes = new ArrayList<>();
        for (MaintenanceJob job : all()) {
            store.ensure(job.name(), job.schedule().nextAfter(now));
            store.claim(job.name(), owner, config.lease(), now)
                    .ifPresent(claim -> outcomes.add(execute(job, claim, now)));
        }
        return outcomes;
    }

    /** "Run now" for one job, then a tick: for the Jobs page and tests. */
    public Optional<Outcome> runNow(String name) {
        MaintenanceJob job = job(name).orElseThrow(() -> new IllegalArgumentException("no job named " + name));
        Instant now = Instant.now();
        store.ensure(job.name(), job.schedule().nextAfter(now));
        store.request(name);
        return store.claim(job.name(), owner, config.lease(), now).map(claim -> execute(job, claim, now));
    }

    private Outcome execute(MaintenanceJob job, JobStateStore.Claim claim, Instant now) {
        String name = job.name();
        ScheduledFuture<?> renewal = renewer.scheduleAtFixedRate(() -> {
            try {
                store.renew(name, owner, config.lease());
            } catch (RuntimeException e) {
                LOG.debugf("lease of %s not renewed: %s", name, e.getMessage());
            }
        }, config.lease().toMillis() / 3, config.lease().toMillis() / 3, TimeUnit.MILLISECONDS);
        Instant lastSuccess = claim.lastSuccessSlot();
        List<String> summaries = new ArrayList<>();
        try {
            for (Instant slot : slots(job, claim, now)) {
                long runId = store.startRun(name, slot, owner);
                long started = System.nanoTime();
                try {
                    String summary = job.run(slot, lastSuccess);
                    runTime(name).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                    runs(name, true).increment();
                    store.finishRun(runId, true, summary);
                    store.slotDone(name, owner, slot, Instant.now());
                    lastSuccess = slot;
                    summaries.add(summary);
                } catch (Exception e) {
                    String message = e.getClass().getSimpleName() + ": " + e.getMessage();
                    runTime(name).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                    runs(name, false).increment();
                    store.finishRun(runId, false, message);
                    Duration delay = retryDelay(job, claim.consecutiveFailures());
                    store.failed(name, owner, message, Instant.now().plus(delay), Instant.now());
                    LOG.warnf(e, "job %s failed for slot %s; retry in %s", name, slot, delay);
                    return new Outcome(name, false, message);
                }
            }
            store.succeeded(name, owner, job.schedule().nextAfter(Instant.now()), Instant.now());
            store.trimHistory(name, config.historyPerJob());
            String summary = String.join("; ", summaries);
            LOG.infof("job %s: %s", name, summary);
            return new Outcome(name, true, summary);
        } finally {
            renewal.cancel(false);
        }
    }

    /** The slots to run: the current one, or every missed one since the last success for backfilled jobs. */
    List<Instant> slots(MaintenanceJob job, JobStateStore.Claim claim, Instant now) {
        JobSchedule schedule = job.schedule();
        Instant current = schedule.slotAt(now);
        if (!job.backfill() || claim.lastSuccessSlot() == null || !claim.lastSuccessSlot().isBefore(current)) {
            return List.of(current);
        }
        List<Instant> slots = new ArrayList<>();
        for (Instant s = schedule.nextAfter(claim.lastSuccessSlot()); !s.isAfter(current); s = s.plus(schedule.every())) {
            slots.add(s);
        }
        // Downtime longer than the backfill window: the oldest slots are given up.
        return slots.size() > config.maxBackfill() ? slots.subList(slots.size() - config.maxBackfill(), slots.size())
                : slots;
    }

    private Duration retryDelay(MaintenanceJob job, int failuresBefore) {
        Duration delay = config.retryDelay().multipliedBy(1L << Math.min(10, failuresBefore));
        return delay.compareTo(job.schedule().every()) > 0 ? job.schedule().every() : delay;
    }

    /** For the Jobs page: each job with its state. */
    public Map<MaintenanceJob, Optional<JobStateStore.State>> overview() {
        Map<String, JobStateStore.State> states = new LinkedHashMap<>();
        store.states().forEach(s -> states.put(s.name(), s));
        Map<MaintenanceJob, Optional<JobStateStore.State>> out = new LinkedHashMap<>();
        all().forEach(j -> out.put(j, Optional.ofNullable(states.get(j.name()))));
        return out;
    }

    private static String instanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        return host + ":" + ProcessHandle.current().pid() + ":" + UUID.randomUUID().toString().substring(0, 8);
    }
}
