package io.gomsggw.core.store.jdbi;

import io.gomsggw.core.testing.TestDatabases;
import javax.sql.DataSource;

/** The store contracts on an in-memory H2 database in PostgreSQL mode. */
class H2StoresTest extends AbstractStoresTest {
    @Override
    protected DataSource openDatabase() {
        return TestDatabases.h2InMemory();
    }

    @Override
    protected void closeDatabase() {
        // The in-memory database lives as long as the JVM and is not shared with other tests.
    }
}
