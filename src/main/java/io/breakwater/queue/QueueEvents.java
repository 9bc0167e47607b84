package io.breakwater.queue;

/** Vert.x event-bus addresses of the queue. Messages only wake consumers; the table is the truth. */
public final class QueueEvents {

    /** Published after an enqueue commits; the body is the lane name. */
    public static final String WAKE_UP = "breakwater.queue.wake-up";

    private QueueEvents() {
    }
}
