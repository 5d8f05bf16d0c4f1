package io.gomsggw.core.store.jdbi;

import io.gomsggw.core.model.UsageLimits;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.jdbi.v3.core.statement.SqlStatement;

/** Reading typed columns that JDBC does not map directly, and the six limit columns clients and numbers share. */
final class Columns {
    static final String LIMIT_COLUMNS =
            "sms_burst_limit, sms_daily_limit, sms_monthly_limit, mms_burst_limit, mms_daily_limit, mms_monthly_limit";

    static final String LIMIT_ASSIGNMENTS = "sms_burst_limit = :sms_burst_limit, sms_daily_limit = :sms_daily_limit, "
            + "sms_monthly_limit = :sms_monthly_limit, mms_burst_limit = :mms_burst_limit, "
            + "mms_daily_limit = :mms_daily_limit, mms_monthly_limit = :mms_monthly_limit";

    static final String LIMIT_PARAMETERS = ":sms_burst_limit, :sms_daily_limit, :sms_monthly_limit, "
            + ":mms_burst_limit, :mms_daily_limit, :mms_monthly_limit";

    private Columns() {}

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    static Boolean nullableBoolean(ResultSet rs, String column) throws SQLException {
        boolean value = rs.getBoolean(column);
        return rs.wasNull() ? null : value;
    }

    static UsageLimits limits(ResultSet rs) throws SQLException {
        return new UsageLimits(
                rs.getLong("sms_burst_limit"),
                rs.getLong("sms_daily_limit"),
                rs.getLong("sms_monthly_limit"),
                rs.getLong("mms_burst_limit"),
                rs.getLong("mms_daily_limit"),
                rs.getLong("mms_monthly_limit"));
    }

    /** Binds {@code :sms_burst_limit} … {@code :mms_monthly_limit}. */
    static <S extends SqlStatement<S>> S bindLimits(S statement, UsageLimits limits) {
        return statement
                .bind("sms_burst_limit", limits.smsBurst())
                .bind("sms_daily_limit", limits.smsDaily())
                .bind("sms_monthly_limit", limits.smsMonthly())
                .bind("mms_burst_limit", limits.mmsBurst())
                .bind("mms_daily_limit", limits.mmsDaily())
                .bind("mms_monthly_limit", limits.mmsMonthly());
    }
}
