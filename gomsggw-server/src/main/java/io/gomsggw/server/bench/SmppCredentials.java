package io.gomsggw.server.bench;

import java.util.Objects;

/**
 * What an SMPP bind authenticates with: the client's username as {@code system_id} (at most 15
 * characters) and its password (at most 8, an SMPP 3.4 limit).
 */
record SmppCredentials(String systemId, String password) {
    static final int MAX_SYSTEM_ID = 15;
    static final int MAX_PASSWORD = 8;

    SmppCredentials {
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(password, "password");
    }
}
