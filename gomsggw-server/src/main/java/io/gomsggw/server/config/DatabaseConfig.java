package io.gomsggw.server.config;

import io.gomsggw.core.model.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Which database the gateway keeps its state in: the embedded H2 file under the data directory,
 * or a PostgreSQL server ({@code POSTGRES_*} or {@code DATABASE_URL}).
 */
public sealed interface DatabaseConfig {

    /** The embedded H2 database in {@code GOMSGGW_DATA_DIR}; one node only. */
    record Embedded() implements DatabaseConfig {}

    /**
     * A PostgreSQL server, which several gateway nodes may share.
     *
     * @param jdbcUrl  a {@code jdbc:postgresql:} URL; it may carry credentials in its query
     * @param user     the role to connect as, when not in the URL
     * @param password the role's password, when not in the URL
     */
    record Postgres(String jdbcUrl, Optional<String> user, Optional<Secret> password) implements DatabaseConfig {
        public Postgres {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        /**
         * Reads a {@code jdbc:postgresql:} URL as it is, or converts
         * {@code postgres://user:password@host:port/db?params} (the form {@code DATABASE_URL} and
         * most hosting services use; the parameters are passed on to the driver).
         *
         * @param subject the variable or option the URL comes from, named in the error
         * @throws ConfigException naming {@code subject} when the text is neither; the message does
         *                         not quote the URL, which may hold a password
         */
        public static Postgres fromUrl(String subject, String text) {
            if (text.startsWith("jdbc:postgresql:")) {
                return new Postgres(text, Optional.empty(), Optional.empty());
            }
            if (!text.startsWith("postgres://") && !text.startsWith("postgresql://")) {
                throw badUrl(subject);
            }
            URI uri;
            try {
                uri = new URI(text);
            } catch (URISyntaxException e) {
                throw badUrl(subject);
            }
            if (uri.getHost() == null
                    || uri.getRawPath() == null
                    || uri.getRawPath().length() < 2) {
                throw badUrl(subject);
            }
            String url = "jdbc:postgresql://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort())
                    + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            Optional<String> user = Optional.empty();
            Optional<Secret> password = Optional.empty();
            String userInfo = uri.getRawUserInfo();
            if (userInfo != null) {
                int colon = userInfo.indexOf(':');
                user = Optional.of(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
                if (colon >= 0) {
                    password = Optional.of(Secret.of(decode(userInfo.substring(colon + 1))));
                }
            }
            return new Postgres(url, user, password);
        }

        private static ConfigException badUrl(String subject) {
            return new ConfigException(
                    subject, "expected jdbc:postgresql://host:port/db or postgres://user:password@host:port/db");
        }

        private static String decode(String text) {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        }

        /** The URL without its query, which may hold a password: safe for logs and messages. */
        public String safeUrl() {
            int query = jdbcUrl.indexOf('?');
            return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        }

        @Override
        public String toString() {
            return "Postgres[" + safeUrl() + ", user=" + user.orElse("(from URL)") + "]";
        }
    }
}
