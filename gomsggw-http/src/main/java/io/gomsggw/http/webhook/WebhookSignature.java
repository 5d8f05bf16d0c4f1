package io.gomsggw.http.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@value #HEADER} header on every webhook the gateway posts:
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256(key, t + "." + raw body)>}, where the key is the
 * receiving client's password (UTF-8). A receiver recomputes the HMAC over the exact bytes it got,
 * compares in constant time, and refuses timestamps far from its clock, so a captured request
 * cannot be replayed later. {@link #verify} does all of that for JVM receivers.
 *
 * <p>Stateless; the methods are pure functions.
 */
public final class WebhookSignature {
    /** The header name. */
    public static final String HEADER = "X-Gomsggw-Signature";

    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {}

    /** The header value for {@code body} posted at {@code unixSeconds}. */
    public static String sign(String key, long unixSeconds, byte[] body) {
        return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(hmac(key, unixSeconds, body));
    }

    /**
     * Whether {@code header} is a valid signature of {@code body} with {@code key}, made within
     * {@code tolerance} of {@code now}. Any malformed header is simply not valid.
     */
    public static boolean verify(String key, String header, byte[] body, Instant now, Duration tolerance) {
        if (header == null) {
            return false;
        }
        Long timestamp = null;
        byte[] signature = null;
        for (String part : header.split(",")) {
            String item = part.strip();
            try {
                if (item.startsWith("t=")) {
                    timestamp = Long.parseLong(item.substring(2));
                } else if (item.startsWith("v1=")) {
                    signature = HexFormat.of().parseHex(item.substring(3));
                }
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        if (timestamp == null
                || signature == null
                || Math.abs(now.getEpochSecond() - timestamp) > tolerance.toSeconds()) {
            return false;
        }
        return MessageDigest.isEqual(hmac(key, timestamp, body), signature);
    }

    private static byte[] hmac(String key, long unixSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("the JDK cannot compute " + ALGORITHM, e);
        }
    }
}
