package io.gomsggw.server.bench;

import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * What every {@link SubmitSlot} of a {@code bench smpp} run shares.
 *
 * @param plan             hands out the messages: when each is due and whether it is measured
 * @param messages         makes each message's {@code submit_sm} bodies
 * @param deliveries       the receiving side, told which measured messages to wait for
 * @param trackDeliveries  whether a receiving client is bound (else nothing is waited for)
 * @param answered         counts every {@code submit_sm_resp} (and every request without one), for progress lines
 */
record SubmitRun(
        LoadPlan plan,
        MessageSource messages,
        DeliveryRecorder deliveries,
        boolean trackDeliveries,
        LongAdder answered) {
    SubmitRun {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(deliveries, "deliveries");
        Objects.requireNonNull(answered, "answered");
    }
}
