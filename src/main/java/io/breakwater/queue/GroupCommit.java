package io.breakwater.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Group commit without a thread of its own: concurrent callers queue their request; whichever finds no
 * commit running becomes the leader, takes everything waiting (up to {@code maxBatch}) and commits it in
 * one go while the others wait. Each caller returns only once the batch holding its request has
 * committed, with its own result, or throws that batch's failure. Callers block: never call it from an
 * event loop.
 *
 * @param <R> a request
 * @param <A> the answer one request gets
 */
final class GroupCommit<R, A> {

    private final int maxBatch;
    /** Commits a batch; answers one result per request, in order, or throws for the whole batch. */
    private final Function<List<R>, List<A>> commit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition batchDone = lock.newCondition();
    private List<Waiter<R, A>> waiting = new ArrayList<>();
    private boolean committing;

    private static final class Waiter<R, A> {
        final R request;
        boolean done;
        A answer;
        RuntimeException failure;

        Waiter(R request) {
            this.request = request;
        }
    }

    GroupCommit(int maxBatch, Function<List<R>, List<A>> commit) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1");
        }
        this.maxBatch = maxBatch;
        this.commit = commit;
    }

    A submit(R request) {
        Waiter<R, A> self = new Waiter<>(request);
        boolean interrupted = false;
        lock.lock();
        try {
            waiting.add(self);
            while (true) {
                while (!self.done && committing) {
                    try {
                        batchDone.await();
                    } catch (InterruptedException e) {
                        // The request may already be in a batch: its outcome must still be waited for.
                        interrupted = true;
                    }
                }
                if (self.done) {
                    return answerOf(self);
                }
                // Lead: commit the oldest waiting requests. With more waiting than a batch holds, this
                // caller's own may not be among them; it then leads (or waits for) a later batch.
                committing = true;
                List<Waiter<R, A>> batch = take();
                lock.unlock();
                try {
                    run(batch);
                } finally {
                    lock.lock();
                }
            }
        } finally {
            lock.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Requests not yet in a batch. */
    int waitingCount() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    /** The oldest waiting requests, at most maxBatch of them. */
    private List<Waiter<R, A>> take() {
        if (waiting.size() <= maxBatch) {
            List<Waiter<R, A>> batch = waiting;
            waiting = new ArrayList<>();
            return batch;
        }
        List<Waiter<R, A>> batch = new ArrayList<>(waiting.subList(0, maxBatch));
        waiting = new ArrayList<>(waiting.subList(maxBatch, waiting.size()));
        return batch;
    }

    private void run(List<Waiter<R, A>> batch) {
        List<A> answers = null;
        RuntimeException failure = null;
        try {
            answers = commit.apply(batch.stream().map(w -> w.request).toList());
            if (answers.size() != batch.size()) {
                failure = new IllegalStateException("batch commit answered " + answers.size() + " results for "
                        + batch.size() + " requests");
            }
        } catch (RuntimeException e) {
            failure = e;
        } catch (Error e) {
            failure = new IllegalStateException("batch commit failed", e);
            throw e;
        } finally {
            lock.lock();
            try {
                for (int i = 0; i < batch.size(); i++) {
                    Waiter<R, A> w = batch.get(i);
                    if (failure != null || answers == null) {
                        w.failure = failure != null ? failure : new IllegalStateException("batch commit failed");
                    } else {
                        w.answer = answers.get(i);
                    }
                    w.done = true;
                }
                // Hand over: one of those still waiting becomes the next leader.
                committing = false;
                batchDone.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private A answerOf(Waiter<R, A> w) {
        if (w.failure != null) {
            throw w.failure;
        }
        return w.answer;
    }
}
