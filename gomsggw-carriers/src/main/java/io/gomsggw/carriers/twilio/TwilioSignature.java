package io.gomsggw.carriers.twilio;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's request signature ({@code X-Twilio-Signature}): base64 of HMAC-SHA1, keyed with the
 * account's auth token, over the full public URL of the request (query included, as Twilio
 * called it) followed by every POST parameter, sorted by name, as name then value. Thread-safe.
 */
final class TwilioSignature {
    static final String HEADER = "x-twilio-signature";

    private final byte[] authToken;

    TwilioSignature(String authToken) {
        this.authToken = authToken.getBytes(StandardCharsets.UTF_8);
    }

    /** The signature Twilio sends for a POST to {@code url} with {@code params}. */
    String compute(String url, List<Map.Entry<String, String>> params) {
        List<Map.Entry<String, String>> sorted = new ArrayList<>(params);
        sorted.sort(Comparator.<Map.Entry<String, String>, String>comparing(Map.Entry::getKey)
                .thenComparing(Map.Entry::getValue));
        StringBuilder data = new StringBuilder(url);
        for (Map.Entry<String, String> param : sorted)
            data.append(param.getKey()).append(param.getValue());
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken, "HmacSHA1"));
            return Base64.getEncoder()
                    .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }

    /**
     * True when {@code signature} matches the request at {@code url}, compared in constant time.
     * Like Twilio's own libraries it also accepts the URL with the scheme's default port added or
     * removed, since Twilio signs the URL exactly as configured.
     */
    boolean verify(String signature, String url, List<Map.Entry<String, String>> params) {
        if (signature == null || signature.isBlank()) return false;
        byte[] given = signature.strip().getBytes(StandardCharsets.UTF_8);
        boolean ok = false;
        for (String candidate : urlVariants(url)) {
            byte[] expected = compute(candidate, params).getBytes(StandardCharsets.UTF_8);
            ok |= MessageDigest.isEqual(expected, given);
        }
        return ok;
    }

    private static Set<String> urlVariants(String url) {
        Set<String> variants = new LinkedHashSet<>();
        variants.add(url);
        try {
            URI uri = URI.create(url);
            String scheme = uri.getScheme();
            int defaultPort = "https".equalsIgnoreCase(scheme) ? 443 : "http".equalsIgnoreCase(scheme) ? 80 : -1;
            if (defaultPort < 0 || uri.getRawAuthority() == null) return variants;
            String authority = uri.getRawAuthority();
            String prefix = scheme + "://";
            String rest = url.substring(prefix.length() + authority.length());
            if (uri.getPort() == defaultPort) {
                variants.add(prefix + authority.substring(0, authority.lastIndexOf(':')) + rest);
            } else if (uri.getPort() == -1) {
                variants.add(prefix + authority + ":" + defaultPort + rest);
            }
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            // not a URL we can vary; the exact form is still checked
        }
        return variants;
    }
}
