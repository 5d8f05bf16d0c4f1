package io.gomsggw.core.admin;

import io.gomsggw.core.crypto.SecretCipher;
import io.gomsggw.core.model.Carrier;
import io.gomsggw.core.phone.PhoneNumbers;
import io.gomsggw.core.store.jdbi.JdbiStores;
import io.gomsggw.core.testing.TestDatabases;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import javax.sql.DataSource;

/** An admin service on the real Jdbi stores over a migrated in-memory H2 database. */
final class AdminFixture {
    static final Instant NOW = Instant.parse("2026-03-01T09:30:00Z");

    /** Accepts {@code telnyx} and {@code twilio}; Twilio needs a username (the Account SID). */
    static final CarrierValidator VALIDATOR = AdminFixture::validate;

    final DataSource dataSource = TestDatabases.h2InMemory();
    final JdbiStores stores = new JdbiStores(
            dataSource, SecretCipher.fromKeyString(SecretCipher.generateKeyString()), Clock.fixed(NOW, ZoneOffset.UTC));
    final Directory directory = new Directory(
            stores.clients(),
            stores.numbers(),
            stores.carriers(),
            stores.failovers(),
            Clock.fixed(NOW, ZoneOffset.UTC));
    final AdminService admin = new AdminService(
            stores.clients(),
            stores.numbers(),
            stores.carriers(),
            stores.failovers(),
            new PhoneNumbers("US"),
            VALIDATOR,
            directory);

    private static void validate(Carrier carrier) {
        if (!Set.of("telnyx", "twilio").contains(carrier.type())) {
            throw new IllegalArgumentException("unknown carrier type '" + carrier.type() + "'");
        }
        if (carrier.type().equals("twilio") && carrier.username() == null) {
            throw new IllegalArgumentException("username (the Account SID) is required for twilio");
        }
    }

    /** Empties every table and the directory. */
    void reset() {
        TestDatabases.deleteAllRows(dataSource);
        directory.reload();
    }

    long webClient(String username) {
        return admin.clients()
                .create(new NewClient(username, "pw-" + username, null, "web", null, null, null))
                .id();
    }

    void carrier(String name) {
        admin.carriers().add(new NewCarrier(name, "telnyx", null, "key-" + name, null, null, null, null));
    }
}
