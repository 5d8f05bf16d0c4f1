package io.gomsggw.server.goimport;

import io.gomsggw.core.model.Secret;
import io.gomsggw.server.config.ConfigException;
import io.gomsggw.server.config.DatabaseConfig;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The command line of {@code import-go}, read.
 *
 * @param from            the Go gateway's database
 * @param goEncryptionKey the Go gateway's {@code ENCRYPTION_KEY}, when given with {@code --go-encryption-key}
 * @param dryRun          write nothing, report what would be done
 * @param withHistory     copy the message records too
 */
record ImportGoOptions(
        DatabaseConfig.Postgres from, Optional<Secret> goEncryptionKey, boolean dryRun, boolean withHistory) {

    ImportGoOptions {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(goEncryptionKey, "goEncryptionKey");
    }

    /** A mistake on the command line; the message is one line naming the option. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /**
     * Reads {@code --from URL}, {@code --go-encryption-key KEY} (both also as {@code --name=value}),
     * {@code --dry-run} and {@code --with-history}.
     *
     * @throws UsageException for an unknown, repeated or valueless option, a missing {@code --from}
     *                        or a URL that is not a PostgreSQL URL
     */
    static ImportGoOptions parse(List<String> args) {
        String from = null;
        String key = null;
        boolean dryRun = false;
        boolean withHistory = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.startsWith("--") && arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            switch (name) {
                case "--dry-run" -> dryRun = flag(arg, name, dryRun);
                case "--with-history" -> withHistory = flag(arg, name, withHistory);
                case "--from", "--go-encryption-key" -> {
                    String value;
                    if (!name.equals(arg)) {
                        value = arg.substring(name.length() + 1);
                    } else if (i + 1 < args.size()) {
                        value = args.get(++i);
                    } else {
                        throw new UsageException(name + " needs a value");
                    }
                    if (name.equals("--from")) {
                        from = once(name, from, value);
                    } else {
                        key = once(name, key, value);
                    }
                }
                default -> throw new UsageException("unknown option '" + arg + "'");
            }
        }
        if (from == null || from.isBlank()) {
            throw new UsageException("--from is required: the Go gateway's database, e.g. "
                    + "postgres://smsgw:password@localhost:5432/smsgw?sslmode=disable");
        }
        DatabaseConfig.Postgres source;
        try {
            source = DatabaseConfig.Postgres.fromUrl("--from", from.strip());
        } catch (ConfigException e) {
            throw new UsageException(e.getMessage());
        }
        return new ImportGoOptions(source, Optional.ofNullable(key).map(Secret::of), dryRun, withHistory);
    }

    private static boolean flag(String arg, String name, boolean given) {
        if (!arg.equals(name)) {
            throw new UsageException(name + " takes no value");
        }
        if (given) {
            throw new UsageException(name + " is given twice");
        }
        return true;
    }

    private static String once(String name, String previous, String value) {
        if (previous != null) {
            throw new UsageException(name + " is given twice");
        }
        return value;
    }
}
