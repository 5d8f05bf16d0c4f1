package io.gomsggw.core.model;

import java.time.ZoneId;
import java.util.Objects;

/**
 * A client of the gateway: a legacy PBX (SMPP/MM4) or a web application.
 *
 * @param id         database id; 0 for a client not stored yet
 * @param username   unique login (SMPP {@code system_id}, HTTP Basic user)
 * @param password   login secret; encrypted at rest, never returned by the API
 * @param name       display name; may be null
 * @param type       legacy or web
 * @param address    IP address or host name a legacy client connects from; null for web clients
 * @param timezone   time zone in which daily and monthly limits turn
 * @param logPrivacy leave message text out of logs
 * @param settings   per-client settings
 */
public record Client(
        long id,
        String username,
        Secret password,
        String name,
        ClientType type,
        String address,
        ZoneId timezone,
        boolean logPrivacy,
        ClientSettings settings) {

    public Client {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(type, "type");
        timezone = timezone == null ? ZoneId.of("UTC") : timezone;
        settings = settings == null ? ClientSettings.DEFAULTS : settings;
    }

    public Client withId(long newId) {
        return new Client(newId, username, password, name, type, address, timezone, logPrivacy, settings);
    }

    public Client withPassword(Secret newPassword) {
        return new Client(id, username, newPassword, name, type, address, timezone, logPrivacy, settings);
    }

    public Client withSettings(ClientSettings newSettings) {
        return new Client(id, username, password, name, type, address, timezone, logPrivacy, newSettings);
    }
}
