package io.gomsggw.server.goimport;

import io.gomsggw.core.apikey.ApiKey;
import io.gomsggw.core.apikey.ApiKeyScope;
import io.gomsggw.core.apikey.ApiKeys;
import io.gomsggw.core.apikey.NewApiKey;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientType;
import io.gomsggw.core.store.DuplicateKeyException;
import io.gomsggw.server.goimport.ImportReport.Kind;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Imports the Go gateway's tenant API keys with their digests, so every key its applications hold
 * keeps working: a key is stored with the Go row's SHA-256 digest, prefix, scopes, rate limit,
 * expiry, creation and last use, and the numbers it may send from (the Go number ids mapped to the
 * numbers imported). A revoked key is imported revoked.
 *
 * <p>The admin API makes keys only by generating them, so keys are written with the
 * {@link io.gomsggw.core.apikey.ApiKeyStore}, after the checks {@link ApiKeys#create} makes of a
 * new key: a web client, at least one known scope, a rate limit in range, and numbers of that
 * client. A key restricted to numbers is imported only when every one of them was, so that no key
 * ever allows more than it did. A key whose digest is here already is left as it is.
 */
final class ApiKeyImport {
    private static final Pattern SHA_256_HEX = Pattern.compile("[0-9a-f]{64}");

    private final ImportTarget target;
    private final Clock clock;
    private final ImportReport report;

    ApiKeyImport(ImportTarget target, Clock clock, ImportReport report) {
        this.target = target;
        this.clock = clock;
        this.report = report;
    }

    /**
     * @param clientIds the ids here of the Go clients, by Go id
     * @param numberIds the ids here of the Go numbers, by Go id
     * @param goClients every Go client, by id
     */
    void run(
            List<GoRows.ApiKey> keys,
            Map<Long, Long> clientIds,
            Map<Long, Long> numberIds,
            Map<Long, GoRows.Client> goClients) {
        for (GoRows.ApiKey key : keys) {
            String hash = key.keyHash() == null ? "" : key.keyHash().strip().toLowerCase(Locale.ROOT);
            if (!SHA_256_HEX.matcher(hash).matches()) {
                report.refused(Kind.API_KEYS, key.label(), "its key_hash is not a SHA-256 hex digest");
                continue;
            }
            if (target.apiKeysHere().findByHash(hash).isPresent()) {
                report.present(Kind.API_KEYS);
                continue;
            }
            Optional<String> refusal = refusal(key, clientIds, numberIds, goClients);
            if (refusal.isPresent()) {
                report.refused(Kind.API_KEYS, key.label(), refusal.get());
                continue;
            }
            create(key, hash, clientIds.get(key.clientId()), numberIds);
        }
    }

    private Optional<String> refusal(
            GoRows.ApiKey key,
            Map<Long, Long> clientIds,
            Map<Long, Long> numberIds,
            Map<Long, GoRows.Client> goClients) {
        Long clientId = clientIds.get(key.clientId());
        if (clientId == null) {
            GoRows.Client owner = goClients.get(key.clientId());
            return Optional.of(
                    owner == null
                            ? "its client " + key.clientId() + " is not in the Go database"
                            : "its " + owner.label() + " was not imported");
        }
        Optional<Client> client = target.stores().clients().find(clientId);
        if (client.isPresent() && client.get().type() != ClientType.WEB) {
            return Optional.of(
                    "API keys are for web clients; its client " + client.get().username() + " is a legacy client");
        }
        if (ApiKeyScope.parse(key.scopes()).isEmpty()) {
            return Optional.of(
                    "scopes '" + (key.scopes() == null ? "" : key.scopes()) + "' name none of send, batch, usage");
        }
        if (key.rateLimit() < 0 || key.rateLimit() > ApiKeys.MAX_RATE_LIMIT) {
            return Optional.of("rate_limit " + key.rateLimit() + " is not 0 (none) to " + ApiKeys.MAX_RATE_LIMIT);
        }
        for (long goNumber : key.numberIds()) {
            if (!numberIds.containsKey(goNumber)) {
                return Optional.of("it may send from number " + goNumber + ", which was not imported; "
                        + "imported without it, the key would allow other numbers");
            }
        }
        return Optional.empty();
    }

    private void create(GoRows.ApiKey key, String hash, long clientId, Map<Long, Long> numberIds) {
        Set<Long> numbers = new HashSet<>();
        key.numberIds().forEach(goNumber -> numbers.add(numberIds.get(goNumber)));
        NewApiKey request = new NewApiKey(
                key.name(), ApiKeyScope.parse(key.scopes()), (int) key.rateLimit(), key.expiresAt(), numbers);
        String prefix = key.keyPrefix() == null || key.keyPrefix().isBlank() ? ApiKeys.KEY_PREFIX : key.keyPrefix();
        ApiKey created;
        try {
            created = target.stores()
                    .apiKeys()
                    .create(
                            clientId,
                            request,
                            hash,
                            prefix,
                            key.createdAt() == null ? clock.instant() : key.createdAt());
        } catch (DuplicateKeyException e) {
            report.present(Kind.API_KEYS);
            return;
        }
        if (!key.active()) {
            target.stores().apiKeys().revoke(clientId, created.id());
        }
        if (key.lastUsedAt() != null) {
            target.stores().apiKeys().touchAll(Map.of(created.id(), key.lastUsedAt()));
        }
        report.imported(Kind.API_KEYS);
    }
}
