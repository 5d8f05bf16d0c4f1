package io.gomsggw.carriers.telnyx;

import io.gomsggw.core.spi.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Checks Telnyx webhook signatures: Ed25519 over {@code "{telnyx-timestamp}|{raw body}"}, the
 * signature base64 in {@code telnyx-signature-ed25519}, the timestamp (Unix seconds) within
 * {@link #TOLERANCE} of the clock. Uses the JDK's own Ed25519. Immutable and thread-safe.
 */
final class TelnyxSignature {
    static final Duration TOLERANCE = Duration.ofMinutes(5);
    static final String SIGNATURE_HEADER = "telnyx-signature-ed25519";
    static final String TIMESTAMP_HEADER = "telnyx-timestamp";

    /** DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519 (OID 1.3.101.112), before the 32 raw key bytes. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final PublicKey key;
    private final Clock clock;

    TelnyxSignature(PublicKey key, Clock clock) {
        this.key = key;
        this.clock = clock;
    }

    /**
     * Turns a {@code webhook_public_key} (base64 of the raw 32-byte Ed25519 key, as the Telnyx
     * portal shows it) into a JDK key.
     *
     * @throws IllegalArgumentException starting with {@code webhook_public_key:}
     */
    static PublicKey parsePublicKey(String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("webhook_public_key: not valid base64: " + e.getMessage());
        }
        if (raw.length != 32) {
            throw new IllegalArgumentException(
                    "webhook_public_key: an Ed25519 key is 32 bytes, this one is " + raw.length);
        }
        byte[] spki = new byte[SPKI_PREFIX.length + raw.length];
        System.arraycopy(SPKI_PREFIX, 0, spki, 0, SPKI_PREFIX.length);
        System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, raw.length);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("webhook_public_key: not an Ed25519 public key: " + e.getMessage());
        }
    }

    /** Empty when the request is signed by the key within the tolerance; otherwise why not. */
    Optional<String> check(WebhookRequest request) {
        String signature = request.header(SIGNATURE_HEADER);
        String timestamp = request.header(TIMESTAMP_HEADER);
        if (signature == null || signature.isBlank()) return Optional.of("missing " + SIGNATURE_HEADER);
        if (timestamp == null || timestamp.isBlank()) return Optional.of("missing " + TIMESTAMP_HEADER);
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return Optional.of(TIMESTAMP_HEADER + " is not a number");
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - seconds);
        if (skew > TOLERANCE.toSeconds()) {
            return Optional.of(
                    TIMESTAMP_HEADER + " is " + skew + " s away from now (tolerance " + TOLERANCE.toSeconds() + " s)");
        }
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(signature.strip());
        } catch (IllegalArgumentException e) {
            return Optional.of(SIGNATURE_HEADER + " is not base64");
        }
        byte[] prefix = (timestamp.strip() + "|").getBytes(StandardCharsets.UTF_8);
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(prefix);
            verifier.update(request.body());
            return verifier.verify(sig) ? Optional.empty() : Optional.of("signature does not verify");
        } catch (GeneralSecurityException e) {
            return Optional.of("signature does not verify: " + e.getMessage());
        }
    }
}
