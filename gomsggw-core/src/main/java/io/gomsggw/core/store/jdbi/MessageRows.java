package io.gomsggw.core.store.jdbi;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes rows of {@code messages}, the hottest statements of the gateway, inside the caller's
 * transaction on its connection. {@link BatchedMessageRows} (a JDBC batch of one statement per row)
 * serves both engines: a PostgreSQL form with one statement over arrays ({@code unnest}) measured
 * slower at the tail (docs/benchmarks.md, PostgreSQL) and was withdrawn.
 */
interface MessageRows {
    /** The columns an insert writes, in the order of the implementations' parameters. */
    String INSERT_COLUMNS = "id, type, direction, from_number, to_number, text, ingress, client_id, "
            + "target_client_id, carrier, carrier_message_id, status, attempts, last_error, server_id, created_at, "
            + "updated_at, external_ref, status_history, awaiting_report_id, log_lsn, retry_at, window_from, handover_seq";

    /** Inserts the rows; a duplicate id fails the whole statement with SQLState 23505. */
    void insert(Connection connection, List<NewMessageRow> rows) throws SQLException;

    /**
     * Applies one merged update per message (ids distinct). Returns, in the order of
     * {@code updates}, whether each found its row. A reason becomes {@code last_error} only for a
     * failure; the carrier id is kept as {@code awaiting_report_id} until the status is final;
     * {@code retry_at} becomes the last transition's (any change but a parking clears it) and
     * {@code window_from} the last one given.
     */
    boolean[] update(Connection connection, List<MergedTransition> updates) throws SQLException;

    static MessageRows forEngine() {
        return new BatchedMessageRows();
    }
}
