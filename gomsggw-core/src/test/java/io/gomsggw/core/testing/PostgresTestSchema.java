package io.gomsggw.core.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.gomsggw.core.store.jdbi.Migrations;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A fresh, uniquely named, migrated schema in a PostgreSQL database, dropped with everything in it
 * on {@link #close()}. Every connection of {@link #dataSource()} (a small pool) uses it as its
 * current schema, so test runs never see each other's rows.
 */
public final class PostgresTestSchema implements AutoCloseable {
    private static final int POOL_SIZE = 20;

    private final String url;
    private final String name;
    private final HikariDataSource dataSource;

    private PostgresTestSchema(String url, String name) {
        this.url = url;
        this.name = name;
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(url);
        pool.setSchema(name);
        pool.setMaximumPoolSize(POOL_SIZE);
        pool.setPoolName("test-" + name);
        this.dataSource = new HikariDataSource(pool);
    }

    /**
     * Creates and migrates a new schema in the database {@code url} names (user and password in
     * the URL, e.g. {@code jdbc:postgresql://127.0.0.1:5432/gomsggw_test?user=gomsggw&password=gomsggw}).
     */
    public static PostgresTestSchema create(String url) {
        String name =
                "gomsggw_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(url, "CREATE SCHEMA " + name);
        PostgresTestSchema schema = new PostgresTestSchema(url, name);
        Migrations.migrate(schema.dataSource, name);
        return schema;
    }

    public String name() {
        return name;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Closes the pool and drops the schema. */
    @Override
    public void close() {
        dataSource.close();
        execute(url, "DROP SCHEMA " + name + " CASCADE");
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL test setup failed: " + sql, e);
        }
    }
}
