package io.gomsggw.server.goimport;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * How far the message records of a Go gateway's table have been copied, per Go client: every
 * record of the client with an id up to its mark has been copied ({@code go_import_progress},
 * migration V12). The import advances the marks of the clients it copies after every page it
 * wrote, so a second run, or a run after an interruption, continues after them.
 *
 * <p>Thread-safe; every method blocks on the database.
 */
final class HistoryProgress {
    private final Jdbi jdbi;
    private final Clock clock;

    HistoryProgress(Jdbi jdbi, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The marks of the Go clients of {@code table} with one; a client without one has copied nothing. */
    Map<Long, Long> marks(String table) {
        Map<Long, Long> marks = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery(
                        "SELECT go_client_id, last_id FROM go_import_progress " + "WHERE source_table = :table")
                .bind("table", table)
                .map((row, context) -> marks.put(row.getLong("go_client_id"), row.getLong("last_id")))
                .list());
        return marks;
    }

    /** Gives the clients that have none a mark of 0, so that {@link #advance} moves theirs too. */
    void start(String table, Collection<Long> goClientIds) {
        Map<Long, Long> existing = marks(table);
        jdbi.useTransaction(h -> {
            for (long client : goClientIds) {
                if (!existing.containsKey(client)) {
                    h.createUpdate("INSERT INTO go_import_progress (source_table, go_client_id, last_id, updated_at) "
                                    + "VALUES (:table, :client, 0, :at)")
                            .bind("table", table)
                            .bind("client", client)
                            .bind("at", clock.instant())
                            .execute();
                }
            }
        });
    }

    /** Moves the marks of {@code goClientIds} below {@code lastId} up to it, in one transaction. */
    void advance(String table, Collection<Long> goClientIds, long lastId) {
        if (goClientIds.isEmpty()) {
            return;
        }
        jdbi.useHandle(h -> h.createUpdate("UPDATE go_import_progress SET last_id = :id, updated_at = :at "
                        + "WHERE source_table = :table AND last_id < :id AND go_client_id IN (<clients>)")
                .bind("id", lastId)
                .bind("at", clock.instant())
                .bind("table", table)
                .bindList("clients", goClientIds)
                .execute());
    }
}
