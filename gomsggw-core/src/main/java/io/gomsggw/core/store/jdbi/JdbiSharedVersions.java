package io.gomsggw.core.store.jdbi;

import io.gomsggw.core.store.SharedVersions;

/**
 * {@link SharedVersions} on {@code cluster_versions}: a bump is one row update (the row lock
 * serializes concurrent bumps), then a read of the new value in the same transaction.
 */
final class JdbiSharedVersions implements SharedVersions {
    private final StoreSql sql;

    JdbiSharedVersions(StoreSql sql) {
        this.sql = sql;
    }

    @Override
    public long bump(String name) {
        return sql.inTransaction("bump shared version", h -> {
            int updated = h.createUpdate("UPDATE cluster_versions SET version = version + 1 WHERE name = :name")
                    .bind("name", name)
                    .execute();
            if (updated == 0) {
                h.createUpdate("INSERT INTO cluster_versions (name, version) VALUES (:name, 1)")
                        .bind("name", name)
                        .execute();
                return 1L;
            }
            return h.createQuery("SELECT version FROM cluster_versions WHERE name = :name")
                    .bind("name", name)
                    .mapTo(Long.class)
                    .one();
        });
    }

    @Override
    public long read(String name) {
        return sql.withHandle(
                "read shared version",
                h -> h.createQuery("SELECT version FROM cluster_versions WHERE name = :name")
                        .bind("name", name)
                        .mapTo(Long.class)
                        .findOne()
                        .orElse(0L));
    }
}
