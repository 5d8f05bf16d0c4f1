package io.gomsggw.core.limits;

/** Burst, daily and monthly usage of one message type. */
public record TypeUsage(PeriodUsage burst, PeriodUsage daily, PeriodUsage monthly) {
    public PeriodUsage of(LimitPeriod period) {
        return switch (period) {
            case BURST -> burst;
            case DAILY -> daily;
            case MONTHLY -> monthly;
        };
    }
}
