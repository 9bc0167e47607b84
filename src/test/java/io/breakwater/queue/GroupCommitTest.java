package io.breakwater.queue;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupCommitTest {

    @Test
    void aLoneCallerCommitsItsOwnRequestAndGetsItsAnswer() {
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        GroupCommit<Integer, String> group = new GroupCommit<>(10, batch -> {
            batches.add(batch);
            return batch.stream().map(i -> "answer " + i).toList();
        });
        assertEquals("answer 7", group.submit(7));
        assertEquals("answer 8", group.submit(8));
        assertEquals(List.of(List.of(7), List.of(8)), batches);
    }

    /** Requests arriving while a commit runs go together into the next one, each with its own answer. */
    @Test
    void requestsWaitingDuringACommitShareTheNextOne() throws Exception {
        CountDownLatch firstCommitEntered = new CountDownLatch(1);
        CompletableFuture<Void> releaseFirst = new CompletableFuture<>();
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        GroupCommit<Integer, Integer> group = new GroupCommit<>(100, batch -> {
            batches.add(batch);
            if (batches.size() == 1) {
                firstCommitEntered.countDown();
                releaseFirst.join();
            }
            return batch.stream().map(i -> i * 10).toList();
        });
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            Future<Integer> leader = pool.submit(() -> group.submit(0));
            assertTrue(firstCommitEntered.await(10, TimeUnit.SECONDS));
            List<Future<Integer>> followers = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                int request = i;
                followers.add(pool.submit(() -> group.submit(request)));
            }
            waitUntilQueued(group, 5);
            releaseFirst.complete(null);
            assertEquals(0, leader.get(10, TimeUnit.SECONDS));
            for (int i = 1; i <= 5; i++) {
                assertEquals(i * 10, followers.get(i - 1).get(10, TimeUnit.SECONDS));
            }
            assertEquals(2, batches.size());
            assertEquals(List.of(0), batches.get(0));
            assertEquals(List.of(1, 2, 3, 4, 5), batches.get(1).stream().sorted().toList());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everyCallerOfAFailedBatchGetsTheFailureAndLaterBatchesStillCommit() throws Exception {
        CountDownLatch firstCommitEntered = new CountDownLatch(1);
        CompletableFuture<Void> releaseFirst = new CompletableFuture<>();
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        GroupCommit<Integer, Integer> group = new GroupCommit<>(100, batch -> {
            batches.add(batch);
            if (batches.size() == 1) {
                firstCommitEntered.countDown();
                releaseFirst.join();
                return batch;
            }
            if (batch.contains(-1)) {
                throw new QueueException("database gone", null);
            }
            return batch;
        });
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<Integer> leader = pool.submit(() -> group.submit(0));
            assertTrue(firstCommitEntered.await(10, TimeUnit.SECONDS));
            Future<Integer> good = pool.submit(() -> group.submit(1));
            Future<Integer> poisoned = pool.submit(() -> group.submit(-1));
            waitUntilQueued(group, 2);
            releaseFirst.complete(null);
            assertEquals(0, leader.get(10, TimeUnit.SECONDS));
            for (Future<Integer> f : List.of(good, poisoned)) {
                ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
                assertInstanceOf(QueueException.class, e.getCause());
            }
            assertEquals(5, group.submit(5));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBatchNeverHoldsMoreThanMaxBatch() throws Exception {
        CountDownLatch firstCommitEntered = new CountDownLatch(1);
        CompletableFuture<Void> releaseFirst = new CompletableFuture<>();
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        GroupCommit<Integer, Integer> group = new GroupCommit<>(2, batch -> {
            batches.add(batch);
            if (batches.size() == 1) {
                firstCommitEntered.countDown();
                releaseFirst.join();
            }
            return batch;
        });
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> all = new ArrayList<>();
            all.add(pool.submit(() -> group.submit(0)));
            assertTrue(firstCommitEntered.await(10, TimeUnit.SECONDS));
            for (int i = 1; i <= 5; i++) {
                int request = i;
                all.add(pool.submit(() -> group.submit(request)));
            }
            waitUntilQueued(group, 5);
            releaseFirst.complete(null);
            for (int i = 0; i <= 5; i++) {
                assertEquals(i, all.get(i).get(10, TimeUnit.SECONDS));
            }
            assertEquals(6, batches.stream().mapToInt(List::size).sum());
            assertTrue(batches.stream().allMatch(b -> b.size() <= 2), batches.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCommitAnsweringTheWrongNumberOfResultsFailsItsCallers() {
        GroupCommit<Integer, Integer> group = new GroupCommit<>(10, batch -> List.of());
        assertThrows(IllegalStateException.class, () -> group.submit(1));
    }

    private static void waitUntilQueued(GroupCommit<?, ?> group, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (group.waitingCount() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + group.waitingCount() + " of " + n + " requests arrived");
            }
            Thread.sleep(5);
        }
    }
}
