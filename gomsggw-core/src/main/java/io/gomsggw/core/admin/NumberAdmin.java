package io.gomsggw.core.admin;

import io.gomsggw.core.model.ClientNumber;
import io.gomsggw.core.model.NumberSettings;
import io.gomsggw.core.phone.InvalidPhoneNumberException;
import io.gomsggw.core.phone.PhoneNumbers;
import io.gomsggw.core.store.CarrierStore;
import io.gomsggw.core.store.DuplicateKeyException;
import io.gomsggw.core.store.NumberStore;
import java.util.List;

/**
 * Admin operations on clients' phone numbers and their settings. Numbers are normalized to E.164
 * and belong to one client at most. Obtained from {@link AdminService#numbers()}.
 *
 * <p>Threading: thread-safe; every method blocks on the stores.
 */
public final class NumberAdmin {
    private final ClientAdmin clients;
    private final NumberStore numbers;
    private final CarrierStore carriers;
    private final PhoneNumbers phoneNumbers;
    private final Directory directory;

    NumberAdmin(
            ClientAdmin clients,
            NumberStore numbers,
            CarrierStore carriers,
            PhoneNumbers phoneNumbers,
            Directory directory) {
        this.clients = clients;
        this.numbers = numbers;
        this.carriers = carriers;
        this.phoneNumbers = phoneNumbers;
        this.directory = directory;
    }

    /**
     * Adds a number to a client with default settings.
     *
     * @throws InvalidFieldException when {@code number} is not a phone number, {@code carrier} is
     *                               missing or unknown, or {@code webhook} is not an http(s) URL
     * @throws ConflictException     when the number already belongs to a client
     * @throws NotFoundException     when there is no such client
     */
    public ClientNumber add(long clientId, NewNumber request) {
        clients.require(clientId);
        String e164 = normalize(request.number());
        ClientNumber number = new ClientNumber(
                0,
                clientId,
                e164,
                existingCarrier(request.carrier()),
                Checks.optionalText(request.tag()),
                Checks.optionalText(request.group()),
                Checks.optionalHttpUrl("webhook", request.webhook()),
                Boolean.TRUE.equals(request.ignoreStopCmdSending()),
                NumberSettings.DEFAULTS);
        ClientNumber added;
        try {
            added = numbers.add(number);
        } catch (DuplicateKeyException e) {
            throw numberTaken(e164);
        }
        directory.reload();
        return added;
    }

    /** @throws NotFoundException when there is no such client */
    public List<ClientNumber> list(long clientId) {
        clients.require(clientId);
        return numbers.listByClient(clientId);
    }

    /** A number by id, whoever owns it. @throws NotFoundException when there is no such number */
    public ClientNumber get(long numberId) {
        return numbers.find(numberId).orElseThrow(() -> NotFoundException.number(numberId));
    }

    /**
     * Applies the fields present in {@code patch} and in {@code settings}.
     *
     * @throws NotFoundException     when the client does not exist or does not own the number
     * @throws InvalidFieldException when a field is invalid; nothing is changed then
     * @throws ConflictException     when a new {@code number} belongs to a client already
     */
    public ClientNumber update(long clientId, long numberId, NumberPatch patch, NumberSettingsPatch settings) {
        ClientNumber current = owned(clientId, numberId);
        String e164 = patch.number() == null ? current.number() : normalize(patch.number());
        ClientNumber updated = new ClientNumber(
                current.id(),
                clientId,
                e164,
                patch.carrier() == null ? current.carrier() : existingCarrier(patch.carrier()),
                patch.tag() == null ? current.tag() : Checks.optionalText(patch.tag()),
                patch.group() == null ? current.group() : Checks.optionalText(patch.group()),
                patch.webhook() == null ? current.webhook() : Checks.optionalHttpUrl("webhook", patch.webhook()),
                patch.ignoreStopCmdSending() == null ? current.ignoreStopCmdSending() : patch.ignoreStopCmdSending(),
                settings.applyTo(current.settings()));
        try {
            if (!numbers.update(updated)) {
                throw NotFoundException.number(numberId);
            }
        } catch (DuplicateKeyException e) {
            throw numberTaken(e164);
        }
        directory.reload();
        return updated;
    }

    /** @throws NotFoundException when the client does not exist or does not own the number */
    public void delete(long clientId, long numberId) {
        owned(clientId, numberId);
        if (!numbers.delete(numberId)) {
            throw NotFoundException.number(numberId);
        }
        directory.reload();
    }

    /**
     * Applies the fields present in {@code patch} to a number's settings and returns the number.
     *
     * @throws NotFoundException     when there is no such number
     * @throws InvalidFieldException when a field is invalid; nothing is changed then
     */
    public ClientNumber updateSettings(long numberId, NumberSettingsPatch patch) {
        ClientNumber current = get(numberId);
        NumberSettings updated = patch.applyTo(current.settings());
        if (!numbers.updateSettings(numberId, updated)) {
            throw NotFoundException.number(numberId);
        }
        directory.reload();
        return current.withSettings(updated);
    }

    private ClientNumber owned(long clientId, long numberId) {
        clients.require(clientId);
        return numbers.find(numberId)
                .filter(n -> n.clientId() == clientId)
                .orElseThrow(() -> NotFoundException.number(numberId));
    }

    private String normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            throw InvalidFieldException.missing("number");
        }
        try {
            return phoneNumbers.normalize(raw);
        } catch (InvalidPhoneNumberException e) {
            throw InvalidFieldException.invalid("number", e.getMessage());
        }
    }

    private String existingCarrier(String name) {
        String carrier = Checks.requireText("carrier", name);
        if (carriers.findByName(carrier).isEmpty()) {
            throw InvalidFieldException.invalid("carrier", "no carrier named '" + carrier + "'");
        }
        return carrier;
    }

    private ConflictException numberTaken(String e164) {
        String owner =
                numbers.findByNumber(e164).map(n -> "client " + n.clientId()).orElse("a client");
        return new ConflictException("number", "number " + e164 + " already belongs to " + owner);
    }
}
