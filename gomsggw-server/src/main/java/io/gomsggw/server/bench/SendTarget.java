package io.gomsggw.server.bench;

import java.util.Objects;

/**
 * Whom the load generator sends as and to: a web client's credentials, one of its numbers and
 * a destination number.
 */
record SendTarget(String username, String password, String from, String to) {
    SendTarget {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }
}
