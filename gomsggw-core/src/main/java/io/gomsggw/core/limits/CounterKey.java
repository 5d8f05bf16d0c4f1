package io.gomsggw.core.limits;

import io.gomsggw.core.model.MessageType;
import java.time.Instant;

/**
 * One durable counter: a subject ({@code client:7} or {@code number:+12505551234}), a message type
 * and a period, for the period starting at {@code periodStart}.
 */
record CounterKey(String subject, MessageType type, LimitPeriod period, Instant periodStart) {
    static String clientSubject(long clientId) {
        return "client:" + clientId;
    }

    static String numberSubject(String e164) {
        return "number:" + e164;
    }

    /** The counter name as stored by {@link io.gomsggw.core.store.UsageStore}. */
    String storeName() {
        return subject + ":" + type.wireName() + ":" + period.wireName();
    }
}
