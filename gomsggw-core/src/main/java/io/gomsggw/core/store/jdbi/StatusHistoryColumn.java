package io.gomsggw.core.store.jdbi;

import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.StatusChange;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of {@code messages.status_history}: a message's status changes, one line each, in
 * order: {@code <microseconds since the epoch> <status> <reason>\n}, the reason empty when there is
 * none, with {@code \} written {@code \\}, a line feed {@code \n} and a carriage return {@code \r}.
 * A change is appended with SQL string concatenation, so a transition never reads the row first.
 * Times are kept to the microsecond, like every timestamp column.
 */
final class StatusHistoryColumn {
    private StatusHistoryColumn() {}

    /** The line of one change. */
    static String line(MessageStatus status, Instant at, String reason) {
        StringBuilder out = new StringBuilder(48);
        out.append(ChronoUnit.MICROS.between(Instant.EPOCH, at))
                .append(' ')
                .append(status.wireName())
                .append(' ');
        if (reason != null) {
            for (int i = 0; i < reason.length(); i++) {
                char c = reason.charAt(i);
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(c);
                }
            }
        }
        return out.append('\n').toString();
    }

    /** The changes in {@code text} (null: none). An empty reason reads as null. */
    static List<StatusChange> read(String text) {
        List<StatusChange> changes = new ArrayList<>();
        if (text == null) return changes;
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) end = text.length();
            int timeEnd = text.indexOf(' ', start);
            int statusEnd = text.indexOf(' ', timeEnd + 1);
            Instant at = Instant.EPOCH.plus(Long.parseLong(text, start, timeEnd, 10), ChronoUnit.MICROS);
            MessageStatus status = MessageStatus.fromWire(text.substring(timeEnd + 1, statusEnd));
            changes.add(new StatusChange(status, at, unescape(text, statusEnd + 1, end)));
            start = end + 1;
        }
        return changes;
    }

    private static String unescape(String text, int from, int to) {
        if (from >= to) return null;
        StringBuilder out = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < to) {
                char next = text.charAt(++i);
                out.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
