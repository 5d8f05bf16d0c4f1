package io.gomsggw.carriers;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.spi.WebhookResult;

/** What every carrier webhook result must look like, for the property tests of both carriers. */
public final class WebhookResults {
    private WebhookResults() {}

    /** {@code result} is malformed with a reason, or accepted with every field an inbound message or status needs. */
    public static void assertTyped(WebhookResult result) {
        assertThat(result).isNotNull();
        if (result instanceof WebhookResult.Malformed malformed) {
            assertThat(malformed.reason()).isNotBlank();
            return;
        }
        assertThat(result).isInstanceOf(WebhookResult.Accepted.class);
        WebhookResult.Accepted accepted = (WebhookResult.Accepted) result;
        for (WebhookResult.InboundMessage message : accepted.inbound()) {
            assertThat(message.carrierMessageId()).isNotBlank();
            assertThat(message.from()).isNotBlank();
            assertThat(message.to()).isNotBlank();
            assertThat(message.text()).isNotNull();
            assertThat(message.receivedAt()).isNotNull();
            message.media().forEach(ref -> assertThat(ref.url()).isNotBlank());
        }
        for (WebhookResult.StatusUpdate status : accepted.statuses()) {
            assertThat(status.carrierMessageId()).isNotBlank();
            assertThat(status.status()).isNotNull();
        }
    }
}
