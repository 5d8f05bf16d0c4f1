package io.gomsggw.core.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.StatusChange;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusHistoryColumnTest {
    @Test
    void linesReadBackToTheChangesWrittenWithAwkwardReasons() {
        List<StatusChange> changes = List.of(
                new StatusChange(MessageStatus.QUEUED, Instant.parse("2026-03-01T12:00:00.123456Z"), null),
                new StatusChange(
                        MessageStatus.QUEUED,
                        Instant.parse("2026-03-01T12:00:01Z"),
                        "HTTP 500: {\"error\":\"a\\\\b\"}\nsecond line\r\nthird ✓ 😀"),
                new StatusChange(MessageStatus.DELIVERED, Instant.parse("1969-12-31T23:59:59.999999Z"), "ends with \\"),
                new StatusChange(MessageStatus.FAILED, Instant.parse("2026-03-01T12:00:02Z"), " leading space "));
        StringBuilder text = new StringBuilder();
        changes.forEach(c -> text.append(StatusHistoryColumn.line(c.status(), c.at(), c.reason())));

        assertThat(text.chars().filter(c -> c == '\n')).hasSize(4);
        assertThat(StatusHistoryColumn.read(text.toString())).containsExactlyElementsOf(changes);
    }

    @Test
    void timesAreKeptToTheMicrosecondLikeTheTimestampColumns() {
        String line =
                StatusHistoryColumn.line(MessageStatus.SENT, Instant.parse("2026-03-01T12:00:00.123456789Z"), null);

        assertThat(line).isEqualTo("1772366400123456 sent \n");
        assertThat(StatusHistoryColumn.read(line))
                .containsExactly(
                        new StatusChange(MessageStatus.SENT, Instant.parse("2026-03-01T12:00:00.123456Z"), null));
        assertThat(StatusHistoryColumn.read(null)).isEmpty();
        assertThat(StatusHistoryColumn.read("")).isEmpty();
    }
}
