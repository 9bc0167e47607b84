package io.breakwater.queue;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many crash submissions this instance is receiving right now. The collector counts them; the processor
 * reads the count to give way during a burst (all its workers but one pause while submissions are many), so
 * that accepting crashes keeps the CPU it needs and processing catches up afterwards.
 */
@ApplicationScoped
public class IntakeLoad {

    private final AtomicInteger inFlight = new AtomicInteger();

    /** One submission begins; closing the ticket ends it. */
    public Ticket enter() {
        inFlight.incrementAndGet();
        return new Ticket(this);
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** Ends its submission once, however often it is closed. */
    public static final class Ticket implements AutoCloseable {
        private IntakeLoad load;

        private Ticket(IntakeLoad load) {
            this.load = load;
        }

        @Override
        public void close() {
            if (load != null) {
                load.inFlight.decrementAndGet();
                load = null;
            }
        }
    }
}
