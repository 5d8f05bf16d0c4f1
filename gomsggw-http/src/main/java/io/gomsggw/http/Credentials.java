package io.gomsggw.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * A username and password as HTTP Basic carries them, {@code base64(username:password)}, and as
 * gomsggw's bearer scheme does ({@code Bearer base64(username:password)}). The password may contain
 * colons; the username may not. Never prints the password.
 *
 * @param username the part before the first colon
 * @param password the rest
 */
public record Credentials(String username, String password) {
    public Credentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /**
     * The credentials of an {@code Authorization} header {@code <scheme> base64(username:password)};
     * the scheme is compared case-insensitively. Empty when the header is absent, names another
     * scheme, or does not hold base64 of a {@code username:password} pair.
     */
    public static Optional<Credentials> fromHeader(String header, String scheme) {
        if (header == null
                || header.length() <= scheme.length()
                || !header.regionMatches(true, 0, scheme, 0, scheme.length())
                || header.charAt(scheme.length()) != ' ') {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(
                    Base64.getDecoder()
                            .decode(header.substring(scheme.length() + 1).strip()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        return Optional.of(new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }

    /** {@code base64(username:password)}, the token after the scheme in an {@code Authorization} header. */
    public String encoded() {
        return Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=******]";
    }
}
