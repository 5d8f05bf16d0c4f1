package io.gomsggw.core.store.jdbi;

import io.gomsggw.core.store.OptOutStore;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@link OptOutStore} on the {@code opt_outs} table. Opting out again keeps the first time:
 * {@code INSERT … ON CONFLICT DO NOTHING}, which both engines accept in this form.
 */
final class JdbiOptOutStore implements OptOutStore {
    private static final String KEY = "number = :number AND party = :party";

    private final StoreSql sql;

    JdbiOptOutStore(StoreSql sql) {
        this.sql = sql;
    }

    @Override
    public void optOut(String number, String party, Instant at) {
        sql.withHandle(
                "record opt-out",
                h -> h.createUpdate("INSERT INTO opt_outs (number, party, opted_out_at) "
                                + "VALUES (:number, :party, :at) ON CONFLICT DO NOTHING")
                        .bind("number", number)
                        .bind("party", party)
                        .bind("at", at)
                        .execute());
    }

    @Override
    public boolean optIn(String number, String party) {
        return sql.withHandle(
                        "remove opt-out",
                        h -> h.createUpdate("DELETE FROM opt_outs WHERE " + KEY)
                                .bind("number", number)
                                .bind("party", party)
                                .execute())
                > 0;
    }

    @Override
    public Optional<Instant> optedOutAt(String number, String party) {
        return sql.withHandle(
                "read opt-out",
                h -> h.createQuery("SELECT opted_out_at FROM opt_outs WHERE " + KEY)
                        .bind("number", number)
                        .bind("party", party)
                        .map((rs, ctx) -> Columns.instant(rs, "opted_out_at"))
                        .findOne());
    }

    @Override
    public Set<String> optedOut(String number, Collection<String> parties) {
        if (parties.isEmpty()) return Set.of();
        return sql.withHandle(
                "read opt-outs",
                h -> Set.copyOf(
                        h.createQuery("SELECT party FROM opt_outs WHERE number = :number AND party IN (<parties>)")
                                .bind("number", number)
                                .bindList("parties", List.copyOf(parties))
                                .mapTo(String.class)
                                .list()));
    }
}
