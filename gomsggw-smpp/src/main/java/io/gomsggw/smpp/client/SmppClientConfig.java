package io.gomsggw.smpp.client;

import io.gomsggw.smpp.pdu.Address;
import io.gomsggw.smpp.pdu.Bind;
import io.gomsggw.smpp.pdu.BindMode;
import io.gomsggw.smpp.session.SessionSettings;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where and how an {@link SmppClient} binds. Start from {@link #of} and adjust with the
 * {@code with…} methods. The bind fields are validated here (lengths per SMPP 3.4).
 *
 * @param server       the SMSC's address (an unresolved address is resolved by Netty)
 * @param mode         transmitter, receiver or transceiver
 * @param systemId     at most 64 octets ({@link Bind#MAX_CREDENTIAL_LENGTH}; SMPP 3.4 says 15)
 * @param password     at most 64 octets (SMPP 3.4 says 8)
 * @param systemType   at most 12 octets, often empty
 * @param addressRange the bind's {@code address_range}, usually {@link Address#EMPTY}
 * @param settings     limits and timers of the session; {@code bindTimeout} bounds the TCP connect,
 *                     {@code responseTimeout} the wait for {@code bind_resp}
 * @param sslContext   a client {@link SslContext} for SMPP over TLS, or {@code null} for plain TCP
 */
public record SmppClientConfig(
        InetSocketAddress server,
        BindMode mode,
        String systemId,
        String password,
        String systemType,
        Address addressRange,
        SessionSettings settings,
        SslContext sslContext) {

    /** Validates; a null {@code systemType}, {@code addressRange} or {@code settings} takes the default. */
    public SmppClientConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(mode, "mode");
        systemType = systemType == null ? "" : systemType;
        addressRange = addressRange == null ? Address.EMPTY : addressRange;
        settings = settings == null ? SessionSettings.DEFAULTS : settings;
        if (sslContext != null && !sslContext.isClient()) {
            throw new IllegalArgumentException("sslContext must be a client context");
        }
        new Bind(mode, 1, systemId, password, systemType, Bind.INTERFACE_VERSION_34, addressRange);
    }

    /** A plain TCP bind with an empty system type and address range and the default settings. */
    public static SmppClientConfig of(InetSocketAddress server, BindMode mode, String systemId, String password) {
        return new SmppClientConfig(
                server, mode, systemId, password, "", Address.EMPTY, SessionSettings.DEFAULTS, null);
    }

    /** The bind PDU with sequence number {@code sequenceNumber}. */
    public Bind bind(int sequenceNumber) {
        return new Bind(mode, sequenceNumber, systemId, password, systemType, Bind.INTERFACE_VERSION_34, addressRange);
    }

    public SmppClientConfig withMode(BindMode m) {
        return new SmppClientConfig(server, m, systemId, password, systemType, addressRange, settings, sslContext);
    }

    public SmppClientConfig withCredentials(String id, String pass) {
        return new SmppClientConfig(server, mode, id, pass, systemType, addressRange, settings, sslContext);
    }

    public SmppClientConfig withSystemType(String type) {
        return new SmppClientConfig(server, mode, systemId, password, type, addressRange, settings, sslContext);
    }

    public SmppClientConfig withAddressRange(Address range) {
        return new SmppClientConfig(server, mode, systemId, password, systemType, range, settings, sslContext);
    }

    public SmppClientConfig withSettings(SessionSettings s) {
        return new SmppClientConfig(server, mode, systemId, password, systemType, addressRange, s, sslContext);
    }

    /** SMPP over TLS with {@code context} (a client context); {@code null} for plain TCP. */
    public SmppClientConfig withTls(SslContext context) {
        return new SmppClientConfig(server, mode, systemId, password, systemType, addressRange, settings, context);
    }
}
