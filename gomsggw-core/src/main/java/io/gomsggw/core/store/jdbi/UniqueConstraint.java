package io.gomsggw.core.store.jdbi;

import java.util.Locale;

/**
 * The unique constraints of the schema, by the names the migrations give them, and the
 * API field each protects. Both engines put the constraint (or its index) name into the message
 * of a unique violation, which is how a violation is traced back to its field.
 */
enum UniqueConstraint {
    CLIENT_USERNAME("uq_clients_username", "username"),
    NUMBER("uq_numbers_number", "number"),
    CARRIER_NAME("uq_carriers_name", "name"),
    CARRIER_UUID("uq_carriers_uuid", "uuid"),
    MEDIA_TOKEN("pk_media", "token"),
    USAGE_COUNTER("pk_usage_counters", "counter"),
    API_KEY_HASH("uq_api_keys_hash", "key");

    /** Any other unique violation is on a primary key. */
    static final String PRIMARY_KEY_FIELD = "id";

    private final String constraintName;
    private final String field;

    UniqueConstraint(String constraintName, String field) {
        this.constraintName = constraintName;
        this.field = field;
    }

    /** The API field named by a unique-violation message. */
    static String fieldNamedIn(String violationMessage) {
        String message = violationMessage.toLowerCase(Locale.ROOT);
        for (UniqueConstraint constraint : values()) {
            if (message.contains(constraint.constraintName)) return constraint.field;
        }
        return PRIMARY_KEY_FIELD;
    }
}
