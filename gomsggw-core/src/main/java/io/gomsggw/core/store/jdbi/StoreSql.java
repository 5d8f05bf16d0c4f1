package io.gomsggw.core.store.jdbi;

import io.gomsggw.core.store.DuplicateKeyException;
import io.gomsggw.core.store.StoreException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Runs Jdbi callbacks for the stores and turns their failures into store exceptions: a unique
 * violation (SQLState {@code 23505} on both engines) into {@link DuplicateKeyException} naming the
 * API field, anything else into {@link StoreException}. Exception messages carry the action and
 * the first line of the database's message, not the statement's bound parameters.
 */
final class StoreSql {
    private static final String UNIQUE_VIOLATION = "23505";

    private final Jdbi jdbi;

    StoreSql(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Runs {@code callback} on a handle in auto-commit mode; {@code action} names it in errors. */
    <T> T withHandle(String action, HandleCallback<T, RuntimeException> callback) {
        try {
            return jdbi.withHandle(callback);
        } catch (JdbiException e) {
            throw translate(action, e);
        }
    }

    /** Runs {@code callback} in one transaction, rolled back when it throws. */
    <T> T inTransaction(String action, HandleCallback<T, RuntimeException> callback) {
        try {
            return jdbi.inTransaction(callback);
        } catch (JdbiException e) {
            throw translate(action, e);
        }
    }

    private static StoreException translate(String action, JdbiException e) {
        List<SQLException> causes = sqlCauses(e);
        for (SQLException cause : causes) {
            if (UNIQUE_VIOLATION.equals(cause.getSQLState())) {
                String field = UniqueConstraint.fieldNamedIn(String.valueOf(cause.getMessage()));
                return new DuplicateKeyException(field, action + ": " + field + " already exists", e);
            }
        }
        String detail = causes.isEmpty() ? e.getClass().getSimpleName() : describe(causes.get(causes.size() - 1));
        return new StoreException(action + " failed: " + detail, e);
    }

    /** Every SQLException in the cause chain, including batch "next" exceptions, outermost first. */
    private static List<SQLException> sqlCauses(Throwable failure) {
        List<SQLException> found = new ArrayList<>();
        for (Throwable t = failure; t != null && found.size() < 16; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException next = sql; next != null && found.size() < 16; next = next.getNextException()) {
                    found.add(next);
                }
            }
        }
        return found;
    }

    private static String describe(SQLException e) {
        String message = String.valueOf(e.getMessage());
        int lineEnd = message.indexOf('\n');
        String firstLine = lineEnd < 0 ? message : message.substring(0, lineEnd);
        return firstLine.strip() + " (SQLState " + e.getSQLState() + ")";
    }
}
