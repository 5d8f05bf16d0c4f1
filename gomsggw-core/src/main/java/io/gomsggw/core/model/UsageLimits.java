package io.gomsggw.core.model;

/**
 * The six usage limits: SMS and MMS per minute (burst), per day and per month. {@code 0} means
 * unlimited on a client and "inherit from the client" on a number. Negative values are invalid.
 */
public record UsageLimits(
        long smsBurst, long smsDaily, long smsMonthly, long mmsBurst, long mmsDaily, long mmsMonthly) {
    public static final UsageLimits NONE = new UsageLimits(0, 0, 0, 0, 0, 0);

    public UsageLimits {
        if (smsBurst < 0 || smsDaily < 0 || smsMonthly < 0 || mmsBurst < 0 || mmsDaily < 0 || mmsMonthly < 0) {
            throw new IllegalArgumentException("usage limits must not be negative");
        }
    }
}
