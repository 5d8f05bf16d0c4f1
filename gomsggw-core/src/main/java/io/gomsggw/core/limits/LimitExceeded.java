package io.gomsggw.core.limits;

import io.gomsggw.core.model.MessageType;
import java.util.Locale;

/**
 * Why a message was refused by a usage limit. Each ingress answers it in its own terms
 * (HTTP 429 with these fields, SMPP {@code ESME_RTHROTTLED}).
 *
 * @param type         SMS or MMS
 * @param period       which period ran out
 * @param scope        whether the client's or the number's counter is full
 * @param number       the number the message was sent from or to (E.164)
 * @param currentUsage what was counted in the period before this message
 * @param limit        the limit
 */
public record LimitExceeded(
        MessageType type, LimitPeriod period, LimitScope scope, String number, long currentUsage, long limit) {

    /** The Go gateway's name for the limit, e.g. {@code daily_sms_number}. */
    public String limitType() {
        return period.wireName() + "_" + type.wireName() + "_" + scope.wireName();
    }

    /** A sentence for people, e.g. {@code SMS daily limit exceeded (500/500)}. */
    public String message() {
        return type.name() + " " + period.wireName() + " limit exceeded (" + currentUsage + "/" + limit + ")"
                + (scope == LimitScope.NUMBER ? " for number " + number : "");
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "LimitExceeded[%s %d/%d %s]", limitType(), currentUsage, limit, number);
    }
}
