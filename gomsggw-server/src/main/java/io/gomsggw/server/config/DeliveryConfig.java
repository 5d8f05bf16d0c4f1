package io.gomsggw.server.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Retries and timeouts of delivery to clients.
 *
 * @param webhookRetries        {@code WEBHOOK_RETRIES}
 * @param webhookTimeout        {@code WEBHOOK_TIMEOUT_SECS}
 * @param webhookRetryDelay     {@code WEBHOOK_RETRY_DELAY_SECS}: the first delay of the backoff
 * @param smppRetries           {@code SMPP_RETRIES}
 * @param smppTimeout           {@code SMPP_TIMEOUT_SECS}
 * @param mm4Retries            {@code MM4_RETRIES}
 * @param mm4Timeout            {@code MM4_TIMEOUT_SECS}
 * @param carrierRetries        {@code CARRIER_RETRIES} (new): retries of a send to a carrier
 * @param carrierTimeout        {@code CARRIER_TIMEOUT_SECS} (new): timeout of one carrier request
 * @param carrierRetryDelay     {@code CARRIER_RETRY_DELAY_SECS} (new): the first delay of the carrier backoff
 * @param notifySenderOnFailure {@code NOTIFY_SENDER_ON_FAILURE}: tell the sender when a message finally fails
 * @param deliveryWindow        {@code DELIVERY_WINDOW_HOURS} (new): how long deliveries to a client are retried
 * @param webhookMaxConcurrency {@code WEBHOOK_MAX_CONCURRENCY} (new): most requests in flight to one webhook endpoint
 */
public record DeliveryConfig(
        int webhookRetries,
        Duration webhookTimeout,
        Duration webhookRetryDelay,
        int smppRetries,
        Duration smppTimeout,
        int mm4Retries,
        Duration mm4Timeout,
        int carrierRetries,
        Duration carrierTimeout,
        Duration carrierRetryDelay,
        boolean notifySenderOnFailure,
        Duration deliveryWindow,
        int webhookMaxConcurrency) {

    public DeliveryConfig {
        Objects.requireNonNull(webhookTimeout, "webhookTimeout");
        Objects.requireNonNull(webhookRetryDelay, "webhookRetryDelay");
        Objects.requireNonNull(smppTimeout, "smppTimeout");
        Objects.requireNonNull(mm4Timeout, "mm4Timeout");
        Objects.requireNonNull(carrierTimeout, "carrierTimeout");
        Objects.requireNonNull(carrierRetryDelay, "carrierRetryDelay");
        Objects.requireNonNull(deliveryWindow, "deliveryWindow");
    }
}
