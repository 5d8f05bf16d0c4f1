package io.gomsggw.core.store.jdbi;

import io.gomsggw.core.testing.PostgresTestSchema;
import io.gomsggw.core.testing.TestDatabases;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;

/**
 * The store contracts on a real PostgreSQL, in a fresh schema dropped afterwards. Runs only when
 * {@code GOMSGGW_TEST_POSTGRES_URL} holds a JDBC URL; otherwise the whole class is skipped.
 */
class PostgresStoresTest extends AbstractStoresTest {
    private PostgresTestSchema schema;

    @Override
    protected DataSource openDatabase() {
        String url = TestDatabases.postgresUrl().orElse(null);
        if (url == null) {
            System.out.println(
                    "PostgreSQL store tests SKIPPED: " + TestDatabases.POSTGRES_URL_VARIABLE + " is not set");
        }
        Assumptions.assumeTrue(url != null, TestDatabases.POSTGRES_URL_VARIABLE + " is not set");
        schema = PostgresTestSchema.create(url);
        return schema.dataSource();
    }

    @Override
    protected void closeDatabase() {
        if (schema != null) schema.close();
    }
}
