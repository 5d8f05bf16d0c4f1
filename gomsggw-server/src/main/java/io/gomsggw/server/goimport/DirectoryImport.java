package io.gomsggw.server.goimport;

import io.gomsggw.core.admin.AdminException;
import io.gomsggw.core.admin.AdminService;
import io.gomsggw.core.admin.ClientSettingsPatch;
import io.gomsggw.core.admin.LimitsPatch;
import io.gomsggw.core.admin.NewCarrier;
import io.gomsggw.core.admin.NewClient;
import io.gomsggw.core.admin.NewFailover;
import io.gomsggw.core.admin.NewNumber;
import io.gomsggw.core.admin.NumberSettingsPatch;
import io.gomsggw.core.model.Carrier;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientNumber;
import io.gomsggw.core.store.jdbi.JdbiStores;
import io.gomsggw.server.goimport.ImportReport.Kind;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Imports a Go gateway's carriers, clients (with their settings), numbers (with theirs) and
 * failovers, in that order, each through the {@link AdminService}: a row is created with the
 * checks of the admin API and the defaults of every setting the Go gateway does not have, then
 * given the Go row's settings. A row whose settings are refused is removed again, so a row is
 * imported whole or not at all.
 *
 * <p>Rows are matched with what is already here by their natural keys (a carrier by uuid, a client
 * by username, a number by its E.164 form, a failover by its two clients); a row already here is
 * left as it is and counted as such, which makes a second import change nothing.
 *
 * <p>Not thread-safe; blocks on both databases.
 */
final class DirectoryImport {
    private final ImportTarget target;
    private final AdminService admin;
    private final JdbiStores stores;
    private final GoSecretCipher cipher;
    private final GoNumbers numbers;
    private final ImportReport report;

    private final Map<Long, GoRows.Client> goClients = new HashMap<>();
    private final Map<Long, Long> clientIds = new HashMap<>();
    private final Map<Long, Long> numberIds = new HashMap<>();

    DirectoryImport(ImportTarget target, GoSecretCipher cipher, GoNumbers numbers, ImportReport report) {
        this.target = target;
        this.admin = target.admin();
        this.stores = target.stores();
        this.cipher = cipher;
        this.numbers = numbers;
        this.report = report;
    }

    /** The ids here of the Go clients imported or already here, by Go id. */
    Map<Long, Long> clientIds() {
        return Map.copyOf(clientIds);
    }

    /** The ids here of the Go numbers imported or already here, by Go id. */
    Map<Long, Long> numberIds() {
        return Map.copyOf(numberIds);
    }

    /** The Go clients by id, imported or not. */
    Map<Long, GoRows.Client> goClients() {
        return Map.copyOf(goClients);
    }

    void carriers(List<GoRows.Carrier> carriers) {
        for (GoRows.Carrier carrier : carriers) {
            Optional<Carrier> sameUuid = stores.carriers().findByUuid(carrier.uuid());
            if (sameUuid.isPresent()) {
                report.present(Kind.CARRIERS);
                if (!sameUuid.get().name().equals(carrier.name())) {
                    report.note(
                            carrier.label(),
                            "already here as '" + sameUuid.get().name() + "' (same uuid); "
                                    + "its numbers look for a carrier named '" + carrier.name() + "'");
                }
                continue;
            }
            Optional<Carrier> sameName = stores.carriers().findByName(carrier.name());
            if (sameName.isPresent()) {
                report.refused(
                        Kind.CARRIERS,
                        carrier.label(),
                        "a carrier of that name is already here with another "
                                + "uuid (" + sameName.get().uuid() + "), so the Go webhook URL /inbound/"
                                + carrier.uuid()
                                + " would not reach it; rename or remove one of them");
                continue;
            }
            Optional<String> password = secret(carrier.password(), Kind.CARRIERS, carrier.label());
            if (password.isEmpty()) {
                continue;
            }
            try {
                admin.carriers()
                        .add(new NewCarrier(
                                carrier.name(),
                                carrier.type(),
                                carrier.username(),
                                password.get(),
                                carrier.uuid(),
                                carrier.profileId(),
                                null,
                                null));
                report.imported(Kind.CARRIERS);
            } catch (AdminException e) {
                report.refused(Kind.CARRIERS, carrier.label(), e.getMessage());
            }
        }
    }

    void clients(List<GoRows.Client> clients) {
        for (GoRows.Client client : clients) {
            goClients.put(client.id(), client);
            Optional<Client> existing = stores.clients().findByUsername(client.username());
            if (existing.isPresent()) {
                clientIds.put(client.id(), existing.get().id());
                report.present(Kind.CLIENTS);
                report.clientId(
                        client.id(),
                        client.username(),
                        target.configuredClientId(existing.get().id()).orElse(null),
                        false);
                continue;
            }
            Optional<Long> created = create(client);
            created.ifPresent(id -> clientIds.put(client.id(), id));
            report.clientId(
                    client.id(),
                    client.username(),
                    created.flatMap(target::configuredClientId).orElse(null),
                    created.isPresent());
        }
    }

    private Optional<Long> create(GoRows.Client client) {
        Optional<String> password = secret(client.password(), Kind.CLIENTS, client.label());
        if (password.isEmpty()) {
            return Optional.empty();
        }
        String type = blank(client.type()) ? "legacy" : client.type().strip().toLowerCase(Locale.ROOT);
        String timezone = blank(client.timezone()) ? null : client.timezone().strip();
        if (timezone != null && !ZoneId.getAvailableZoneIds().contains(timezone)) {
            report.note(
                    client.label(),
                    "timezone '" + timezone + "' is not an IANA time zone; imported with UTC, "
                            + "which the Go gateway used for it too");
            timezone = null;
        }
        Client created;
        try {
            created = admin.clients()
                    .create(new NewClient(
                            client.username(),
                            password.get(),
                            client.name(),
                            type,
                            client.address(),
                            timezone,
                            client.logPrivacy()));
        } catch (AdminException e) {
            report.refused(Kind.CLIENTS, client.label(), e.getMessage());
            return Optional.empty();
        }
        if (client.settings().isPresent()) {
            try {
                admin.clients()
                        .updateSettings(
                                created.id(), settingsPatch(client.settings().get()));
            } catch (AdminException e) {
                admin.clients().delete(created.id());
                report.refused(Kind.CLIENTS, client.label(), "settings: " + e.getMessage());
                return Optional.empty();
            }
        }
        report.imported(Kind.CLIENTS);
        return Optional.of(created.id());
    }

    /**
     * The Go client settings as a patch. A webhook timeout of 0 means the global default in the
     * Go gateway, and so here; retries likewise (the Go gateway only ever used the global value).
     */
    private static ClientSettingsPatch settingsPatch(GoRows.ClientSettings go) {
        return new ClientSettingsPatch(
                blank(go.authMethod()) ? null : go.authMethod().strip(),
                blank(go.apiFormat()) ? null : go.apiFormat().strip(),
                go.disableMessageSplitting(),
                go.webhookRetries() > 0 ? toInt(go.webhookRetries()) : null,
                go.webhookTimeoutSecs() > 0 ? toInt(go.webhookTimeoutSecs()) : null,
                go.includeRawSegments(),
                blank(go.defaultWebhook()) ? null : go.defaultWebhook(),
                limits(go.limits()),
                go.limitBoth());
    }

    void numbers(List<GoRows.Number> goNumbers) {
        Map<String, GoRows.Number> seen = new HashMap<>();
        for (GoRows.Number number : goNumbers) {
            Long clientId = clientIds.get(number.clientId());
            if (clientId == null) {
                GoRows.Client owner = goClients.get(number.clientId());
                report.refused(
                        Kind.NUMBERS,
                        number.label(),
                        owner == null
                                ? "its client " + number.clientId() + " is not in the Go database"
                                : "its " + owner.label() + " was not imported");
                continue;
            }
            GoNumbers.Reading reading = numbers.read(number.number());
            if (reading instanceof GoNumbers.Reading.Refused refused) {
                report.refused(Kind.NUMBERS, number.label(), refused.reason());
                continue;
            }
            GoNumbers.Reading.Number read = (GoNumbers.Reading.Number) reading;
            String e164 = read.e164();
            GoRows.Number twin = seen.putIfAbsent(e164, number);
            if (twin != null) {
                report.refused(Kind.NUMBERS, number.label(), "reads as " + e164 + ", as " + twin.label() + " does");
                continue;
            }
            Optional<ClientNumber> existing = stores.numbers().findByNumber(e164);
            if (existing.isPresent()) {
                if (existing.get().clientId() == clientId) {
                    numberIds.put(number.id(), existing.get().id());
                    report.present(Kind.NUMBERS);
                } else {
                    report.refused(
                            Kind.NUMBERS,
                            number.label(),
                            e164 + " already belongs to another client here (id "
                                    + target.configuredClientId(existing.get().clientId())
                                            .map(String::valueOf)
                                            .orElse("new")
                                    + ")");
                }
                continue;
            }
            add(number, clientId, e164).ifPresent(id -> {
                numberIds.put(number.id(), id);
                read.note().ifPresent(note -> report.note(number.label(), note));
            });
        }
    }

    private Optional<Long> add(GoRows.Number number, long clientId, String e164) {
        ClientNumber added;
        try {
            added = admin.numbers()
                    .add(
                            clientId,
                            new NewNumber(
                                    e164,
                                    number.carrier(),
                                    number.tag(),
                                    number.group(),
                                    number.webhook(),
                                    number.ignoreStopCmdSending()));
        } catch (AdminException e) {
            report.refused(Kind.NUMBERS, number.label(), e.getMessage());
            return Optional.empty();
        }
        if (number.settings().isPresent()) {
            try {
                admin.numbers()
                        .updateSettings(
                                added.id(), settingsPatch(number.settings().get()));
            } catch (AdminException e) {
                admin.numbers().delete(clientId, added.id());
                report.refused(Kind.NUMBERS, number.label(), "settings: " + e.getMessage());
                return Optional.empty();
            }
        }
        report.imported(Kind.NUMBERS);
        return Optional.of(added.id());
    }

    /**
     * The Go number settings as a patch. The Go gateway applies a number's {@code limit_both} only
     * where the number has a limit of its own, and the client's elsewhere; so it is carried over
     * for numbers with limits, and numbers without inherit the client's. A cool-down of 0 means
     * the Go default of 60 seconds, as here.
     */
    private static NumberSettingsPatch settingsPatch(GoRows.NumberSettings go) {
        return new NumberSettingsPatch(
                limits(go.limits()),
                go.limits().any() ? go.limitBoth() : null,
                go.autoReplyEnabled(),
                blank(go.autoReplyMessage()) ? null : go.autoReplyMessage(),
                go.autoReplyCooldownSecs() > 0 ? toInt(go.autoReplyCooldownSecs()) : null);
    }

    void failovers(List<GoRows.Failover> failovers) {
        for (GoRows.Failover failover : failovers) {
            Long primary = clientIds.get(failover.primaryClientId());
            Long fallback = clientIds.get(failover.fallbackClientId());
            if (primary == null || fallback == null) {
                long missing = primary == null ? failover.primaryClientId() : failover.fallbackClientId();
                GoRows.Client client = goClients.get(missing);
                report.refused(
                        Kind.FAILOVERS,
                        failover.label(),
                        client == null
                                ? "client " + missing + " is not in the Go database"
                                : client.label() + " was not imported");
                continue;
            }
            if (stores.failovers().listByPrimary(primary).stream().anyMatch(f -> f.fallbackClientId() == fallback)) {
                report.present(Kind.FAILOVERS);
                continue;
            }
            try {
                admin.failovers()
                        .add(primary, new NewFailover(fallback, toInt(failover.priority()), failover.enabled()));
                report.imported(Kind.FAILOVERS);
            } catch (AdminException e) {
                report.refused(Kind.FAILOVERS, failover.label(), e.getMessage());
            }
        }
    }

    /** The plaintext of a Go secret, or empty after reporting the row as not imported. */
    private Optional<String> secret(String stored, Kind kind, String row) {
        if (stored == null) {
            report.refused(kind, row, "password: empty in the Go database");
            return Optional.empty();
        }
        GoSecretCipher.Decrypted decrypted = cipher.decrypt(stored);
        if (decrypted instanceof GoSecretCipher.Decrypted.Unreadable unreadable) {
            report.refused(kind, row, "password: " + unreadable.reason());
            return Optional.empty();
        }
        return Optional.of(((GoSecretCipher.Decrypted.Text) decrypted).value().reveal());
    }

    private static LimitsPatch limits(GoRows.Limits go) {
        return new LimitsPatch(
                go.smsBurst(), go.smsDaily(), go.smsMonthly(), go.mmsBurst(), go.mmsDaily(), go.mmsMonthly());
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static int toInt(long value) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }
}
