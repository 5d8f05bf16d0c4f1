package io.gomsggw.http.webclient;

import io.gomsggw.core.admin.Directory;
import io.gomsggw.core.apikey.ApiKey;
import io.gomsggw.core.model.ClientNumber;
import io.gomsggw.core.phone.PhoneNumbers;
import io.gomsggw.http.HttpStatusException;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Optional;

/**
 * Checks that an API key restricted to some numbers sends from one of them: 403
 * {@code {"error":"API key is not authorized to send from this number","field":"from"}} otherwise,
 * as in the Go gateway. The number is resolved in the live directory, so a number changed or
 * removed counts at once. Client credentials and unrestricted keys pass; a {@code from} that is
 * not a phone number passes too, for the router to refuse with 400.
 */
final class KeyNumbers {
    private final Directory directory;
    private final PhoneNumbers phones;

    KeyNumbers(Directory directory, PhoneNumbers phones) {
        this.directory = directory;
        this.phones = phones;
    }

    void check(Caller caller, String rawFrom) {
        Optional<ApiKey> key = caller.apiKey();
        if (key.isEmpty() || key.get().allowedNumberIds().isEmpty()) {
            return;
        }
        String from = phones.normalizeOrNull(rawFrom);
        if (from == null) {
            return;
        }
        Optional<ClientNumber> number = directory.number(from);
        if (number.isEmpty() || !key.get().mayUse(number.get())) {
            throw new HttpStatusException(
                    HttpResponseStatus.FORBIDDEN, "API key is not authorized to send from this number", "from");
        }
    }
}
