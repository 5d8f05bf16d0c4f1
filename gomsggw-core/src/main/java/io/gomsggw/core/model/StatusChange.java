package io.gomsggw.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One step of a message's status history.
 *
 * @param status the status entered
 * @param at     when it was entered
 * @param reason why (a failure reason, a carrier status text); may be null
 */
public record StatusChange(MessageStatus status, Instant at, String reason) {
    public StatusChange {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
    }
}
