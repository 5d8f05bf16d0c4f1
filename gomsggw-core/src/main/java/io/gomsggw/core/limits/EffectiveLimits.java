package io.gomsggw.core.limits;

import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientNumber;
import io.gomsggw.core.model.MessageType;
import io.gomsggw.core.model.UsageLimits;

/** Reads a limit out of {@link UsageLimits} and resolves number-over-client inheritance. */
final class EffectiveLimits {
    private EffectiveLimits() {}

    static long of(UsageLimits limits, MessageType type, LimitPeriod period) {
        return switch (type) {
            case SMS ->
                switch (period) {
                    case BURST -> limits.smsBurst();
                    case DAILY -> limits.smsDaily();
                    case MONTHLY -> limits.smsMonthly();
                };
            case MMS ->
                switch (period) {
                    case BURST -> limits.mmsBurst();
                    case DAILY -> limits.mmsDaily();
                    case MONTHLY -> limits.mmsMonthly();
                };
        };
    }

    /** Whether inbound messages count for the number: its own {@code limit_both}, else the client's. */
    static boolean numberCountsInbound(Client client, ClientNumber number) {
        Boolean own = number.settings().limitBoth();
        return own != null ? own : client.settings().limitBoth();
    }
}
