package io.gomsggw.core.admin;

import io.gomsggw.core.model.Carrier;
import io.gomsggw.core.model.Secret;
import io.gomsggw.core.store.CarrierStore;
import io.gomsggw.core.store.DuplicateKeyException;
import io.gomsggw.core.store.NumberStore;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Admin operations on carrier accounts. Names and uuids are unique; the type and settings are
 * checked by the {@link CarrierValidator}. Obtained from {@link AdminService#carriers()}.
 *
 * <p>Threading: thread-safe; every method blocks on the stores.
 */
public final class CarrierAdmin {
    private static final Pattern FIELD_NAMES =
            Pattern.compile("\\b(name|type|username|password|uuid|profile_id|webhook_public_key|base_url)\\b");

    private final CarrierStore carriers;
    private final NumberStore numbers;
    private final CarrierValidator validator;
    private final Directory directory;

    CarrierAdmin(CarrierStore carriers, NumberStore numbers, CarrierValidator validator, Directory directory) {
        this.carriers = carriers;
        this.numbers = numbers;
        this.validator = validator;
        this.directory = directory;
    }

    /** Every carrier by id, with its secret (the API layer must not show it). */
    public List<Carrier> list() {
        return carriers.list();
    }

    /** @throws NotFoundException when there is no such carrier */
    public Carrier get(long id) {
        return carriers.find(id).orElseThrow(() -> NotFoundException.carrier(id));
    }

    /**
     * Adds a carrier; a uuid is generated when the request has none.
     *
     * @throws InvalidFieldException when {@code name} or {@code type} is missing, or the validator refuses it
     * @throws ConflictException     when the name or uuid is taken
     */
    public Carrier add(NewCarrier request) {
        String uuid = Checks.optionalText(request.uuid());
        Carrier carrier = validated(new Carrier(
                0,
                Checks.requireText("name", request.name()),
                Checks.requireText("type", request.type()).toLowerCase(Locale.ROOT),
                Checks.optionalText(request.username()),
                Secret.of(request.password() == null ? "" : request.password()),
                uuid == null ? UUID.randomUUID().toString() : uuid,
                Checks.optionalText(request.profileId()),
                Checks.optionalText(request.webhookPublicKey()),
                Checks.optionalHttpUrl("base_url", request.baseUrl())));
        Carrier added;
        try {
            added = carriers.add(carrier);
        } catch (DuplicateKeyException e) {
            throw conflict(e);
        }
        directory.reload();
        return added;
    }

    /**
     * Applies the fields present in {@code patch}.
     *
     * @throws NotFoundException     when there is no such carrier
     * @throws InvalidFieldException when a field is invalid or the validator refuses the result
     * @throws ConflictException     when the new name is taken, or numbers use the carrier under its old name
     */
    public Carrier update(long id, CarrierPatch patch) {
        Carrier current = get(id);
        Carrier updated = validated(new Carrier(
                id,
                patch.name() == null ? current.name() : Checks.requireText("name", patch.name()),
                patch.type() == null
                        ? current.type()
                        : Checks.requireText("type", patch.type()).toLowerCase(Locale.ROOT),
                patch.username() == null ? current.username() : Checks.optionalText(patch.username()),
                patch.password() == null ? current.password() : Secret.of(patch.password()),
                current.uuid(),
                patch.profileId() == null ? current.profileId() : Checks.optionalText(patch.profileId()),
                patch.webhookPublicKey() == null
                        ? current.webhookPublicKey()
                        : Checks.optionalText(patch.webhookPublicKey()),
                patch.baseUrl() == null ? current.baseUrl() : Checks.optionalHttpUrl("base_url", patch.baseUrl())));
        if (!updated.name().equals(current.name())) {
            requireUnused(current, "renamed");
        }
        try {
            if (!carriers.update(updated)) {
                throw NotFoundException.carrier(id);
            }
        } catch (DuplicateKeyException e) {
            throw conflict(e);
        }
        directory.reload();
        return updated;
    }

    /**
     * @throws NotFoundException when there is no such carrier
     * @throws ConflictException when numbers still use it
     */
    public void delete(long id) {
        requireUnused(get(id), "deleted");
        if (!carriers.delete(id)) {
            throw NotFoundException.carrier(id);
        }
        directory.reload();
    }

    private void requireUnused(Carrier carrier, String change) {
        long users = numbers.list().stream()
                .filter(n -> carrier.name().equals(n.carrier()))
                .count();
        if (users > 0) {
            throw new ConflictException(
                    "name",
                    "carrier '" + carrier.name() + "' is used by " + users + " number(s) and cannot be " + change
                            + "; move the numbers to another carrier first");
        }
    }

    private Carrier validated(Carrier carrier) {
        try {
            validator.validate(carrier);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() == null ? "carrier refused" : e.getMessage();
            throw InvalidFieldException.invalid(fieldNamedIn(message), message);
        }
        return carrier;
    }

    /** The first carrier field the validator's message names; {@code type} when it names none. */
    private static String fieldNamedIn(String message) {
        Matcher matcher = FIELD_NAMES.matcher(message);
        return matcher.find() ? matcher.group(1) : "type";
    }

    private static ConflictException conflict(DuplicateKeyException e) {
        String field = e.field() == null ? "name" : e.field();
        return new ConflictException(field, "a carrier with this " + field + " already exists");
    }
}
