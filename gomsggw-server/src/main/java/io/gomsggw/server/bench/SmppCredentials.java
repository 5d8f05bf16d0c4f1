package io.gomsggw.server.bench;

import io.gomsggw.smpp.pdu.Bind;
import java.util.Objects;

/**
 * What an SMPP bind authenticates with: the client's username as {@code system_id} and its
 * password, at most 64 characters each (beyond SMPP 3.4's 15 and 8, as the gateway accepts).
 */
record SmppCredentials(String systemId, String password) {
    static final int MAX_SYSTEM_ID = Bind.MAX_CREDENTIAL_LENGTH;
    static final int MAX_PASSWORD = Bind.MAX_CREDENTIAL_LENGTH;

    SmppCredentials {
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(password, "password");
    }
}
