package io.gomsggw.core.admin;

import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientNumber;
import java.util.List;
import java.util.Objects;

/** A client with its numbers, as the admin API lists it. */
public record ClientDetails(Client client, List<ClientNumber> numbers) {
    public ClientDetails {
        Objects.requireNonNull(client, "client");
        numbers = List.copyOf(numbers);
    }
}
