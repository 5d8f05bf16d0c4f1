package io.gomsggw.core.store;

import io.gomsggw.core.model.Direction;
import io.gomsggw.core.model.MessageType;
import java.time.Instant;

/**
 * A filter over message records; null fields do not filter. {@code page} counts from 1.
 *
 * @param clientId only messages sent by or delivered to this client
 * @param since    only messages created at or after this instant (inclusive)
 * @param until    only messages created before this instant (exclusive)
 */
public record MessageQuery(
        Long clientId,
        String from,
        String to,
        MessageType type,
        Direction direction,
        Instant since,
        Instant until,
        int page,
        int perPage) {

    public MessageQuery {
        if (page < 1) throw new IllegalArgumentException("page starts at 1");
        if (perPage < 1) throw new IllegalArgumentException("perPage must be positive");
    }

    public long offset() {
        return (long) (page - 1) * perPage;
    }
}
