package io.gomsggw.core.store.jdbi;

import io.gomsggw.core.crypto.SecretCipher;
import io.gomsggw.core.testing.TestDatabases;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs every store contract against one database engine. A subclass provides a migrated
 * database for the whole class; every test starts with its tables empty.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractStoresTest
        implements ClientStoreContract,
                NumberStoreContract,
                CarrierStoreContract,
                FailoverStoreContract,
                MessageStoreContract,
                UsageStoreContract,
                MediaStoreContract,
                OptOutStoreContract,
                ApiKeyStoreContract,
                BatchStoreContract,
                NodeStoreContract,
                OwedReportStoreContract {

    private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T09:30:00.654321Z"), ZoneOffset.UTC);
    private final SecretCipher cipher = SecretCipher.fromKeyString(SecretCipher.generateKeyString());
    private DataSource dataSource;
    private JdbiStores stores;

    /** A migrated database for this class; called once, before any test. */
    protected abstract DataSource openDatabase();

    /** Releases what {@link #openDatabase()} made; called once, after the last test. */
    protected abstract void closeDatabase();

    /** Where the stores keep media bytes; null (the default) keeps them in {@code message_media}. */
    protected MediaPack openMediaPack() {
        return null;
    }

    @BeforeAll
    void createStores() {
        dataSource = openDatabase();
        stores = new JdbiStores(dataSource, cipher, clock, openMediaPack());
    }

    @AfterAll
    void dropStores() {
        closeDatabase();
    }

    @BeforeEach
    void emptyTables() {
        TestDatabases.deleteAllRows(dataSource);
    }

    @Override
    public JdbiStores stores() {
        return stores;
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public SecretCipher cipher() {
        return cipher;
    }

    @Override
    public Clock clock() {
        return clock;
    }
}
