package io.gomsggw.core.store.jdbi;

import io.gomsggw.core.crypto.SecretCipher;
import io.gomsggw.core.store.MessageStore;
import java.time.Clock;
import javax.sql.DataSource;

/** What every store contract needs from the engine-specific test class. */
interface StoreFixture {
    /** Stores on a migrated database that is empty when each test starts. */
    JdbiStores stores();

    DataSource dataSource();

    /** The message store under test: the stores' own unless a test class wraps it. */
    default MessageStore messageStore() {
        return stores().messages();
    }

    SecretCipher cipher();

    Clock clock();
}
