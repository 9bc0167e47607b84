package io.breakwater.collector;

import io.breakwater.queue.CrashQueue;
import io.breakwater.storage.CrashStorage;
import io.breakwater.storage.ObjectStore;
import io.breakwater.testsupport.Multipart;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.OptionalLong;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Database down after the crash was stored: 503, and the stored crash is removed again. */
@QuarkusTest
class QueueDownSubmitTest {

    @Inject
    CollectorConfig config;

    @Inject
    CrashStorage storage;

    @Inject
    ObjectStore store;

    /** A database that refuses every connection. */
    private static final DataSource DOWN = new DataSource() {
        public Connection getConnection() throws SQLException {
            throw new SQLException("connection refused", "08001");
        }

        public Connection getConnection(String u, String p) throws SQLException {
            return getConnection();
        }

        public PrintWriter getLogWriter() {
            return null;
        }

        public void setLogWriter(PrintWriter out) {
        }

        public void setLoginTimeout(int seconds) {
        }

        public int getLoginTimeout() {
            return 0;
        }

        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    };

    @Test
    void crashIsNotAcknowledgedAndNotLeftBehind() {
        CrashCollector collector = new CrashCollector(config, storage, new CrashQueue(DOWN, 5, lane -> { }),
                Throttler.acceptAll(), Clock.systemUTC());
        Multipart m = new Multipart().field("ProductName", "Firefox").file("upload_file_minidump", "d", new byte[500]);
        byte[] body = m.build();
        long objectsBefore = SubmitTestSupport.objectCount(store);

        SubmitResult result = collector.submit(new Submission(m.contentType(), null, OptionalLong.of(body.length),
                "test", Map.of(), new ByteArrayInputStream(body)));

        assertEquals(503, result.status());
        assertEquals("Error=queue_unavailable\n", result.body());
        assertEquals("60", result.headers().get("Retry-After"));
        assertEquals(objectsBefore, SubmitTestSupport.objectCount(store));
    }
}
