package io.gomsggw.core.store.jdbi;

import io.gomsggw.core.crypto.SecretCipher;
import java.time.Clock;
import javax.sql.DataSource;

/** What every store contract needs from the engine-specific test class. */
interface StoreFixture {
    /** Stores on a migrated database that is empty when each test starts. */
    JdbiStores stores();

    DataSource dataSource();

    SecretCipher cipher();

    Clock clock();
}
