package io.gomsggw.server.config;

import io.gomsggw.core.model.Secret;
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
