package io.gomsggw.mm4.gateway;

import io.gomsggw.core.spi.RetryPolicy;
import java.util.Objects;

/**
 * How the MM4 bridge names itself and delivers.
 *
 * @param originatorSystem {@code MM4_ORIGINATOR_SYSTEM}: {@code X-Mms-Originator-System} of what the gateway
 *                         sends (where PBXs send their responses), e.g. {@code system@gw.example.com}
 * @param messageIdHost    {@code MM4_MSG_ID_HOST}: the host part of the {@code X-Mms-Message-ID}s and MM4
 *                         addresses the gateway writes
 * @param maxMmsBytes      {@code MMS_MAX_SIZE}: the most an MMS may weigh, all media together, toward a PBX
 * @param retryPolicy      {@code MM4_RETRIES} and {@code MM4_TIMEOUT_SECS}: retries of a delivery to a PBX
 */
public record Mm4GatewaySettings(
        String originatorSystem, String messageIdHost, long maxMmsBytes, RetryPolicy retryPolicy) {
    public Mm4GatewaySettings {
        Objects.requireNonNull(originatorSystem, "originatorSystem");
        Objects.requireNonNull(messageIdHost, "messageIdHost");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        if (maxMmsBytes <= 0) {
            throw new IllegalArgumentException("maxMmsBytes must be positive");
        }
        if (messageIdHost.isBlank()
                || messageIdHost.chars().anyMatch(c -> c <= ' ' || c == '<' || c == '>' || c >= 127)) {
            throw new IllegalArgumentException("MM4 message id host must be a host name");
        }
    }
}
