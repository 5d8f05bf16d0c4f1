package io.gomsggw.core.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.store.OwedReport;
import io.gomsggw.core.store.OwedReportStore;
import io.gomsggw.core.store.OwedReportStore.Drop;
import io.gomsggw.core.store.OwedReportStore.Keep;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@link OwedReportStore} contract. */
interface OwedReportStoreContract extends StoreFixture {
    Instant DONE = Instant.parse("2026-03-01T10:00:00.123456Z");

    /** A delivered message's report, owed by {@code owner}. */
    static OwedReport report(String messageId, String owner, Instant doneAt) {
        return new OwedReport(
                messageId,
                7,
                owner,
                "pbx-" + messageId + "@pbx.example.com",
                "+12505550001",
                "+16045550002",
                MessageStatus.DELIVERED,
                null,
                doneAt);
    }

    @Test
    default void keepsReportsUntilTheyAreDroppedOldestFirst() {
        OwedReportStore reports = stores().owedReports();
        OwedReport failed = new OwedReport(
                "m-2",
                8,
                null,
                "20260301.abc@pbx.example.com",
                "+12505550003",
                "+16045550004",
                MessageStatus.FAILED,
                "carrier said: number not in service",
                DONE);
        reports.writeAll(List.of(new Keep(report("m-1", null, DONE.plusSeconds(5))), new Keep(failed)));

        assertThat(reports.ownedBy(null)).containsExactly(failed, report("m-1", null, DONE.plusSeconds(5)));

        reports.writeAll(List.of(new Drop("m-2"), new Drop("never-kept")));
        assertThat(reports.ownedBy(null)).extracting(OwedReport::messageId).containsExactly("m-1");
    }

    @Test
    default void keepingAgainReplacesAndChangesApplyInOrder() {
        OwedReportStore reports = stores().owedReports();
        reports.writeAll(
                List.of(new Keep(report("m-1", null, DONE)), new Drop("m-1"), new Keep(report("m-2", null, DONE))));
        OwedReport later = new OwedReport(
                "m-2",
                7,
                null,
                "pbx-m-2@pbx.example.com",
                "+12505550001",
                "+16045550002",
                MessageStatus.FAILED,
                "given up",
                DONE.plusSeconds(60));
        reports.writeAll(List.of(new Keep(later)));

        assertThat(reports.ownedBy(null)).containsExactly(later);
    }

    @Test
    default void eachNodeReadsItsOwnAndAnUnownedDatabaseReadsAll() {
        OwedReportStore reports = stores().owedReports();
        reports.writeAll(List.of(
                new Keep(report("a-1", "node-a", DONE)),
                new Keep(report("b-1", "node-b", DONE.plusSeconds(1))),
                new Keep(report("a-2", "node-a", DONE.plusSeconds(2)))));

        assertThat(reports.ownedBy("node-a")).extracting(OwedReport::messageId).containsExactly("a-1", "a-2");
        assertThat(reports.ownedBy("node-b")).extracting(OwedReport::messageId).containsExactly("b-1");
        assertThat(reports.ownedBy("node-c")).isEmpty();
        assertThat(reports.ownedBy(null)).hasSize(3);
    }

    @Test
    default void aLongReasonIsCutToItsColumn() {
        OwedReportStore reports = stores().owedReports();
        String reason = "x".repeat(5000);
        reports.writeAll(List.of(new Keep(new OwedReport(
                "m-1",
                7,
                null,
                "pbx@pbx.example.com",
                "+12505550001",
                "+16045550002",
                MessageStatus.FAILED,
                reason,
                DONE))));

        assertThat(reports.ownedBy(null).get(0).reason()).hasSize(2048).isEqualTo(reason.substring(0, 2048));
    }
}
