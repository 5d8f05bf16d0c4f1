package io.gomsggw.core.admin;

/**
 * A client to create, as the API caller wrote it; {@link ClientAdmin#create} checks every field.
 *
 * @param username   required, unique
 * @param password   required
 * @param name       display name; may be null
 * @param type       {@code legacy} or {@code web}
 * @param address    IP address or host name; required for legacy clients
 * @param timezone   IANA time zone; null means UTC
 * @param logPrivacy leave message text out of logs; null means false
 */
public record NewClient(
        String username,
        String password,
        String name,
        String type,
        String address,
        String timezone,
        Boolean logPrivacy) {}
