package io.gomsggw.core.apikey;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** What an API key may do: send single messages, send and track batches, read usage and history. */
public enum ApiKeyScope {
    SEND,
    BATCH,
    USAGE;

    /** Every scope, the default of a new key as in the Go gateway. */
    public static final Set<ApiKeyScope> ALL = Set.copyOf(EnumSet.allOf(ApiKeyScope.class));

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The scope named {@code name} (any case, surrounding blanks ignored). */
    public static Optional<ApiKeyScope> fromWire(String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (ApiKeyScope scope : values()) {
            if (scope.wireName().equals(wanted)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }

    /** {@code "send,batch,usage"}: the scopes in declaration order, comma-separated, as stored and shown. */
    public static String join(Collection<ApiKeyScope> scopes) {
        return EnumSet.copyOf(scopes).stream().map(ApiKeyScope::wireName).collect(Collectors.joining(","));
    }

    /** The scopes of a stored {@code "send,batch"} list; unknown names are skipped. */
    public static Set<ApiKeyScope> parse(String joined) {
        EnumSet<ApiKeyScope> scopes = EnumSet.noneOf(ApiKeyScope.class);
        if (joined != null) {
            for (String part : joined.split(",")) {
                fromWire(part).ifPresent(scopes::add);
            }
        }
        return Set.copyOf(scopes);
    }
}
