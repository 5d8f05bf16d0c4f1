package io.gomsggw.core.batch;

import java.util.List;
import java.util.Objects;

/**
 * A batch request, its sender number already resolved and checked by the caller.
 *
 * @param fromNumber        the sender number, E.164, owned by the client (and allowed to its API key)
 * @param textTemplate      the text of rows without their own, with {@code {{variable}}} placeholders; may be null
 * @param rows              the messages, at most {@link BatchService#MAX_ROWS}
 * @param throttlePerSecond most rows sent per second; 0 for no throttle
 * @param maxRetryMins      how long rows refused by a full usage limit may wait, in minutes (at least 1)
 * @param webhookUrl        where the completion is posted; null for nowhere
 */
public record NewBatch(
        String fromNumber,
        String textTemplate,
        List<BatchRow> rows,
        int throttlePerSecond,
        int maxRetryMins,
        String webhookUrl) {
    public NewBatch {
        Objects.requireNonNull(fromNumber, "fromNumber");
        rows = List.copyOf(rows);
        if (throttlePerSecond < 0 || maxRetryMins < 1) {
            throw new IllegalArgumentException("throttle must not be negative and max retry at least a minute");
        }
    }
}
