package io.breakwater.web;

import io.breakwater.access.AuditLog;
import io.breakwater.access.Permission;
import io.breakwater.queue.CrashQueue;
import io.breakwater.queue.QueueItem;
import io.breakwater.queue.QueueState;
import io.breakwater.storage.CrashIds;
import io.breakwater.testsupport.TestAccounts;
import io.breakwater.testsupport.TestAccounts.Browser;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /admin/system}: for administrators only; its Retry button puts a parked crash back in its lane, audited. */
@QuarkusTest
class AdminSystemPageTest {

    @Inject
    DataSource dataSource;

    @Inject
    CrashQueue queue;

    @Inject
    AuditLog audit;

    @Test
    void visitorsAreSentToLoginAndOtherUsersAreRefused() {
        given().redirects().follow(false).get("/admin/system").then().statusCode(303)
                .header("Location", containsString("/login?next=%2Fadmin%2Fsystem"));
        Browser plain = TestAccounts.login(TestAccounts.user(Permission.VIEW_PII));
        given().cookie("bw_session", plain.sessionCookie()).get("/admin/system").then().statusCode(403);
        given().header("Auth-Token", TestAccounts.token(Permission.REPROCESS_CRASHES)).get("/admin/system")
                .then().statusCode(403);
    }

    @Test
    void anAdministratorSeesEverySectionAndTheAdminNavigationLeadsThere() {
        Browser admin = TestAccounts.login(TestAccounts.user(Permission.ADMIN));
        String page = given().cookie("bw_session", admin.sessionCookie()).get("/admin/system").then().statusCode(200)
                .extract().asString();
        for (String id : List.of("id=\"queue-depths\"", "data-lane=\"standard\"", "data-lane=\"all lanes\"",
                "id=\"backlog-total\"", "id=\"job-summary\"", "data-job=\"retention\"", "href=\"/admin/jobs\"",
                "id=\"symbol-caches\"", "id=\"stages\"", "id=\"storage\"", "aria-current=\"page\">System</a>")) {
            assertTrue(page.contains(id), id + " on the page");
        }
        assertFalse(page.contains("class=\"error\""), "every section could be read");
        assertFalse(page.contains("<script"), "no script");
        for (String other : List.of("/admin/", "/admin/tokens", "/admin/audit", "/admin/jobs")) {
            given().cookie("bw_session", admin.sessionCookie()).get(other).then().statusCode(200)
                    .body(containsString("<a href=\"/admin/system\">System</a>"));
        }
    }

    @Test
    void retryPutsAParkedCrashBackInItsLaneAndIsAudited() throws Exception {
        String crashId = CrashIds.create(LocalDate.now(), 0);
        long id = parked(crashId, "MinidumpFormatException: stream directory out of bounds");
        try {
            Browser admin = TestAccounts.login(TestAccounts.user(Permission.ADMIN));
            String page = given().cookie("bw_session", admin.sessionCookie()).get("/admin/system").then()
                    .statusCode(200).extract().asString();
            int row = page.indexOf("data-item=\"" + id + "\"");
            assertTrue(row >= 0, "the parked crash is listed");
            String rowHtml = page.substring(row, page.indexOf("</tr>", row));
            assertTrue(rowHtml.contains("href=\"/report/index/" + crashId + "\""), rowHtml);
            assertTrue(rowHtml.contains("stream directory out of bounds"), "with its last error");
            assertTrue(rowHtml.contains("action=\"/admin/system/parked/" + id + "/retry\""), rowHtml);
            assertTrue(rowHtml.contains("name=\"csrf_token\" value=\"" + admin.csrfToken() + "\""), rowHtml);

            // Without the anti-forgery token nothing happens.
            given().redirects().follow(false).cookie("bw_session", admin.sessionCookie()).formParam("go", "1")
                    .post("/admin/system/parked/" + id + "/retry").then().statusCode(403);
            assertEquals(QueueState.PARKED, queue.find(id).orElseThrow().state());

            given().redirects().follow(false).cookie("bw_session", admin.sessionCookie())
                    .formParam("csrf_token", admin.csrfToken()).post("/admin/system/parked/" + id + "/retry")
                    .then().statusCode(303).header("Location", containsString("/admin/system?retried=1"));
            QueueItem item = queue.find(id).orElseThrow();
            assertEquals(QueueState.PENDING, item.state());
            assertEquals(0, item.attempts(), "a fresh attempt count");
            assertTrue(audit.recent(20, 0, "queue.").stream().anyMatch(e -> e.action().equals("queue.retry")
                    && e.target().equals(crashId) && e.actor().startsWith(admin.email())), "the retry is audited");
            given().cookie("bw_session", admin.sessionCookie()).get("/admin/system?retried=1").then().statusCode(200)
                    .body(containsString("Queued again"));

            // Again: it is no longer parked, and nothing changes.
            given().redirects().follow(false).cookie("bw_session", admin.sessionCookie())
                    .formParam("csrf_token", admin.csrfToken()).post("/admin/system/parked/" + id + "/retry")
                    .then().statusCode(303).header("Location", containsString("gone=1"));
            assertEquals(QueueState.PENDING, queue.find(id).orElseThrow().state());
        } finally {
            queue.deleteByCrashId(crashId);
        }
    }

    @Test
    void aNonAdministratorCannotRetry() throws Exception {
        String crashId = CrashIds.create(LocalDate.now(), 0);
        long id = parked(crashId, "boom");
        try {
            Browser plain = TestAccounts.login(TestAccounts.user(Permission.REPROCESS_CRASHES));
            given().redirects().follow(false).cookie("bw_session", plain.sessionCookie())
                    .formParam("csrf_token", plain.csrfToken()).post("/admin/system/parked/" + id + "/retry")
                    .then().statusCode(403);
            assertEquals(QueueState.PARKED, queue.find(id).orElseThrow().state());
        } finally {
            queue.deleteByCrashId(crashId);
        }
    }

    /** A queue item parked after five attempts, as the processor leaves one. */
    private long parked(String crashId, String error) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO crash_queue (crash_id, lane, state, attempts, last_error) VALUES (?, 'STANDARD', 'PARKED', 5, ?)"
                        + " RETURNING id")) {
            ps.setString(1, crashId);
            ps.setString(2, error);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
