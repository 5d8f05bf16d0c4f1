package io.gomsggw.smpp.gateway;

import java.util.Objects;

/**
 * What a session carries as its attachment once the gateway accepted its bind: the client it
 * belongs to. The client record itself is looked up again for every message, so that admin
 * changes apply to sessions that are already bound.
 *
 * @param clientId the client's id
 * @param username the client's username (the bind's {@code system_id})
 */
public record BoundClient(long clientId, String username) {
    public BoundClient {
        Objects.requireNonNull(username, "username");
    }
}
