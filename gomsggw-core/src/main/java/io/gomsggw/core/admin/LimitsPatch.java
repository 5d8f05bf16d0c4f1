package io.gomsggw.core.admin;

import io.gomsggw.core.model.UsageLimits;

/**
 * A partial update of the six usage limits; null fields stay as they are. Fields are named in
 * API terms in errors ({@code sms_daily_limit}, …).
 */
public record LimitsPatch(
        Long smsBurst, Long smsDaily, Long smsMonthly, Long mmsBurst, Long mmsDaily, Long mmsMonthly) {
    /** Changes nothing. */
    public static final LimitsPatch NONE = new LimitsPatch(null, null, null, null, null, null);

    UsageLimits applyTo(UsageLimits current) {
        return new UsageLimits(
                pick("sms_burst_limit", smsBurst, current.smsBurst()),
                pick("sms_daily_limit", smsDaily, current.smsDaily()),
                pick("sms_monthly_limit", smsMonthly, current.smsMonthly()),
                pick("mms_burst_limit", mmsBurst, current.mmsBurst()),
                pick("mms_daily_limit", mmsDaily, current.mmsDaily()),
                pick("mms_monthly_limit", mmsMonthly, current.mmsMonthly()));
    }

    private static long pick(String field, Long patched, long current) {
        return patched == null ? current : Checks.nonNegative(field, patched);
    }
}
