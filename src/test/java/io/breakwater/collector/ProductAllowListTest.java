package io.breakwater.collector;

import io.breakwater.queue.CrashQueue;
import io.breakwater.storage.CrashStorage;
import io.breakwater.storage.ObjectStore;
import io.breakwater.testsupport.Multipart;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code breakwater.collector.products}: other products are discarded before any throttle rule, and nothing is stored. */
@QuarkusTest
class ProductAllowListTest {

    @Inject
    CollectorConfig config;

    @Inject
    CrashStorage storage;

    @Inject
    CrashQueue queue;

    @Inject
    ObjectStore store;

    /** The application's collector configuration with an allow-list of {@code products}. */
    private CollectorConfig allowing(Set<String> products) {
        return SubmitTestSupport.overriding(config, "products", Optional.of(products));
    }

    private static SubmitResult submit(CrashCollector collector, String product) {
        Multipart m = new Multipart().field("ProductName", product).field("Version", "1.0")
                .file("upload_file_minidump", "d", new byte[300]);
        byte[] body = m.build();
        return collector.submit(new Submission(m.contentType(), null, OptionalLong.of(body.length), "test", Map.of(),
                new ByteArrayInputStream(body)));
    }

    @Test
    void onlyListedProductsAreStored() {
        CrashCollector collector = new CrashCollector(allowing(Set.of("AllowedApp")), storage, queue,
                Throttler.acceptAll(), Clock.systemUTC());
        long before = SubmitTestSupport.objectCount(store);

        SubmitResult other = submit(collector, "SomeoneElsesApp");
        assertEquals(200, other.status(), "Antenna answers a discard with 200 so clients do not retry");
        assertEquals("Discarded=rule_unsupported_product\n", other.body());
        assertEquals(before, SubmitTestSupport.objectCount(store), "nothing stored for an unlisted product");

        SubmitResult missing = submit(collector, "");
        assertEquals("Discarded=rule_unsupported_product\n", missing.body(), "no product is not a listed product");

        SubmitResult listed = submit(collector, "AllowedApp");
        assertEquals(200, listed.status());
        assertTrue(listed.body().startsWith("CrashID=bp-"), listed.body());
    }
}
