package io.breakwater.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Admission by dump size keeps the bytes in flight under the limit. */
class DumpAdmissionTest {

    static final long MIB = 1 << 20;

    @Test
    void dumpsThatFitAreAdmittedTogetherAndTheNextWaits() throws Exception {
        DumpAdmission admission = new DumpAdmission(10 * MIB);
        DumpAdmission.Permit a = admission.admit(4 * MIB);
        DumpAdmission.Permit b = admission.admit(4 * MIB);
        assertEquals(8 * MIB, admission.inFlightBytes());
        assertNull(admission.tryAdmit(4 * MIB), "12 MiB would exceed the limit");
        a.close();
        DumpAdmission.Permit c = admission.tryAdmit(4 * MIB);
        assertNotNull(c);
        b.close();
        c.close();
        assertEquals(0, admission.inFlightBytes());
    }

    @Test
    void aWaitingCrashIsAdmittedWhenBytesAreGivenBack() throws Exception {
        DumpAdmission admission = new DumpAdmission(10 * MIB);
        DumpAdmission.Permit big = admission.admit(8 * MIB);
        CountDownLatch admitted = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            try (DumpAdmission.Permit p = admission.admit(5 * MIB)) {
                admitted.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        assertEquals(1, admitted.getCount(), "still waiting while 8 MiB are in flight");
        big.close();
        assertTrue(admitted.await(10, TimeUnit.SECONDS));
        waiter.join();
    }

    @Test
    void aDumpLargerThanTheLimitRunsAlone() throws Exception {
        DumpAdmission admission = new DumpAdmission(10 * MIB);
        DumpAdmission.Permit huge = admission.admit(50 * MIB);
        assertEquals(10 * MIB, admission.inFlightBytes(), "counted as the whole limit");
        assertNull(admission.tryAdmit(1), "nothing else runs beside it");
        huge.close();
        huge.close(); // a second close gives nothing back twice
        assertEquals(0, admission.inFlightBytes());
    }

    @Test
    void waitingIsInterruptible() throws Exception {
        DumpAdmission admission = new DumpAdmission(MIB);
        DumpAdmission.Permit all = admission.admit(MIB);
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread waiter = new Thread(() -> {
            try {
                admission.admit(MIB);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        waiter.start();
        waiter.interrupt();
        waiter.join(10_000);
        assertTrue(interrupted.get(), "a timed-out crash stops waiting");
        all.close();
        assertEquals(0, admission.inFlightBytes());
    }

    @Test
    void emptyDumpsCostNothingAndLimitsMustBePositive() throws Exception {
        DumpAdmission admission = new DumpAdmission(MIB);
        try (DumpAdmission.Permit p = admission.admit(0)) {
            assertEquals(0, admission.inFlightBytes());
        }
        assertThrows(IllegalArgumentException.class, () -> new DumpAdmission(0));
    }
}
