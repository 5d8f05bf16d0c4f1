package io.gomsggw.server.config;

import java.util.Objects;

/**
 * How this node names itself to others.
 *
 * @param serverId           {@code SERVER_ID}: written on every message record (default: the host name)
 * @param serverAddress      {@code SERVER_ADDRESS}: public base URL without a trailing slash;
 *                           media links sent to carriers start with it
 * @param defaultRegion      {@code DEFAULT_REGION}: ISO region for numbers without a country code, upper case
 * @param mm4OriginatorSystem {@code MM4_ORIGINATOR_SYSTEM}: {@code X-Mms-Originator-System} of outbound MM4
 * @param mm4MessageIdHost   {@code MM4_MSG_ID_HOST}: host part of generated MM4 message ids
 * @param serverAddressSet   whether {@code SERVER_ADDRESS} was configured, rather than derived from
 *                           {@code WEB_LISTEN} (then nobody outside knows the gateway by it: Twilio
 *                           signatures are checked against the URL of each request instead)
 */
public record IdentityConfig(
        String serverId,
        String serverAddress,
        String defaultRegion,
        String mm4OriginatorSystem,
        String mm4MessageIdHost,
        boolean serverAddressSet) {

    public IdentityConfig {
        Objects.requireNonNull(serverId, "serverId");
        Objects.requireNonNull(serverAddress, "serverAddress");
        Objects.requireNonNull(defaultRegion, "defaultRegion");
        Objects.requireNonNull(mm4OriginatorSystem, "mm4OriginatorSystem");
        Objects.requireNonNull(mm4MessageIdHost, "mm4MessageIdHost");
    }
}
