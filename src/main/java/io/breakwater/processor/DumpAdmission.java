package io.breakwater.processor;

import java.util.concurrent.Semaphore;

/**
 * Admission by dump size: the dumps being walked at the same time stay under a byte limit, so a few large
 * crashes cannot together take the heap the rest of the JVM (the collector) needs. A crash whose dumps do
 * not fit waits; one larger than the whole limit waits for all others and then runs alone.
 */
final class DumpAdmission {

    /** Permits count kibibytes, so limits up to terabytes fit in an int. */
    private static final long UNIT = 1024;

    private final Semaphore kibibytes;
    private final int total;

    DumpAdmission(long limitBytes) {
        if (limitBytes < 1) throw new IllegalArgumentException("limit must be positive: " + limitBytes);
        this.total = (int) Math.min(Integer.MAX_VALUE, Math.max(1, limitBytes / UNIT));
        this.kibibytes = new Semaphore(total, true);
    }

    /** The default limit: a quarter of the maximum heap. */
    static DumpAdmission forConfig(ProcessorConfig config) {
        return new DumpAdmission(config.maxInFlightDumpBytes().orElse(Runtime.getRuntime().maxMemory() / 4));
    }

    /** Held while the dumps are walked; closing gives the bytes back. */
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /** Waits until {@code bytes} fit; interruptible (the crash's timeout). */
    Permit admit(long bytes) throws InterruptedException {
        int units = units(bytes);
        if (units == 0) return () -> { };
        kibibytes.acquire(units);
        boolean[] closed = {false};
        return () -> {
            if (closed[0]) return;
            closed[0] = true;
            kibibytes.release(units);
        };
    }

    /** Like {@link #admit} but does not wait; null when the bytes do not fit now. */
    Permit tryAdmit(long bytes) {
        int units = units(bytes);
        if (units == 0) return () -> { };
        if (!kibibytes.tryAcquire(units)) return null;
        boolean[] closed = {false};
        return () -> {
            if (closed[0]) return;
            closed[0] = true;
            kibibytes.release(units);
        };
    }

    private int units(long bytes) {
        if (bytes <= 0) return 0;
        long units = (bytes + UNIT - 1) / UNIT;
        return (int) Math.min(units, total); // larger than the limit: admitted alone
    }

    /** Bytes admitted right now (rounded up to kibibytes). */
    long inFlightBytes() {
        return (long) (total - kibibytes.availablePermits()) * UNIT;
    }
}
