package io.gomsggw.core.admin;

import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientNumber;
import io.gomsggw.core.model.ClientSettings;
import io.gomsggw.core.model.ClientType;
import io.gomsggw.core.model.Secret;
import io.gomsggw.core.net.ClientAddress;
import io.gomsggw.core.store.ClientStore;
import io.gomsggw.core.store.DuplicateKeyException;
import io.gomsggw.core.store.NumberStore;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Admin operations on clients, their passwords and settings. Obtained from
 * {@link AdminService#clients()}.
 *
 * <p>Threading: thread-safe; every method blocks on the stores. Failures are
 * {@link AdminException}s; store faults pass through as {@link io.gomsggw.core.store.StoreException}.
 */
public final class ClientAdmin {
    private final ClientStore clients;
    private final NumberStore numbers;
    private final Directory directory;

    ClientAdmin(ClientStore clients, NumberStore numbers, Directory directory) {
        this.clients = clients;
        this.numbers = numbers;
        this.directory = directory;
    }

    /**
     * Creates a client with default settings.
     *
     * @throws InvalidFieldException when a field is missing or invalid ({@code username},
     *                               {@code password}, {@code type}, {@code address}, {@code timezone})
     * @throws ConflictException     when the username is taken
     */
    public Client create(NewClient request) {
        String username = Checks.requireText("username", request.username());
        if (request.password() == null || request.password().isEmpty()) {
            throw InvalidFieldException.missing("password");
        }
        ClientType type = Checks.wireEnum("type", request.type(), ClientType.class, ClientType::fromWire);
        String address = Checks.optionalText(request.address());
        if (type == ClientType.LEGACY && address == null) {
            throw new InvalidFieldException("address", "field 'address' is required for legacy clients");
        }
        if (address != null) {
            try {
                ClientAddress.parse(address);
            } catch (IllegalArgumentException e) {
                throw new InvalidFieldException("address", "field 'address': " + e.getMessage());
            }
        }
        Client client = new Client(
                0,
                username,
                Secret.of(request.password()),
                Checks.optionalText(request.name()),
                type,
                address,
                Checks.timezone("timezone", request.timezone()),
                Boolean.TRUE.equals(request.logPrivacy()),
                ClientSettings.DEFAULTS);
        Client created;
        try {
            created = clients.create(client);
        } catch (DuplicateKeyException e) {
            throw usernameTaken(username);
        }
        directory.reload();
        return created;
    }

    private static ConflictException usernameTaken(String username) {
        return new ConflictException("username", "username '" + username + "' is already taken");
    }

    /** Every client with its numbers, by id. */
    public List<ClientDetails> list() {
        Map<Long, List<ClientNumber>> numbersByClient =
                numbers.list().stream().collect(Collectors.groupingBy(ClientNumber::clientId));
        return clients.list().stream()
                .map(c -> new ClientDetails(c, numbersByClient.getOrDefault(c.id(), List.of())))
                .toList();
    }

    /** @throws NotFoundException when there is no such client */
    public ClientDetails get(long id) {
        return new ClientDetails(require(id), numbers.listByClient(id));
    }

    /** The client, or {@link NotFoundException}. */
    Client require(long id) {
        return clients.find(id).orElseThrow(() -> NotFoundException.client(id));
    }

    /**
     * Deletes the client with its numbers, settings and failovers (the store cascades).
     *
     * @throws NotFoundException when there is no such client
     */
    public void delete(long id) {
        if (!clients.delete(id)) {
            throw NotFoundException.client(id);
        }
        directory.reload();
    }

    /**
     * @throws InvalidFieldException when {@code new_password} is missing or empty
     * @throws NotFoundException     when there is no such client
     */
    public void changePassword(long id, String newPassword) {
        if (newPassword == null || newPassword.isEmpty()) {
            throw InvalidFieldException.missing("new_password");
        }
        if (!clients.updatePassword(id, Secret.of(newPassword))) {
            throw NotFoundException.client(id);
        }
        directory.reload();
    }

    /** @throws NotFoundException when there is no such client */
    public ClientSettings settings(long id) {
        return require(id).settings();
    }

    /**
     * Applies the fields present in {@code patch} and returns the settings now in force.
     *
     * @throws InvalidFieldException when a field is invalid; nothing is changed then
     * @throws NotFoundException     when there is no such client
     */
    public ClientSettings updateSettings(long id, ClientSettingsPatch patch) {
        ClientSettings updated = patch.applyTo(require(id).settings());
        if (!clients.updateSettings(id, updated)) {
            throw NotFoundException.client(id);
        }
        directory.reload();
        return updated;
    }
}
