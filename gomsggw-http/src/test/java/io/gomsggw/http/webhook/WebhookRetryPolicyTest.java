package io.gomsggw.http.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.gomsggw.core.metrics.GatewayMetrics;
import io.gomsggw.core.model.ApiFormat;
import io.gomsggw.core.model.AuthMethod;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientSettings;
import io.gomsggw.core.model.ClientType;
import io.gomsggw.core.model.Secret;
import io.gomsggw.core.model.UsageLimits;
import io.gomsggw.core.spi.RetryPolicy;
import io.gomsggw.http.JsonCodec;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * {@code WEBHOOK_RETRIES}, {@code WEBHOOK_RETRY_DELAY_SECS} and {@code WEBHOOK_MAX_CONCURRENCY}
 * apply to a client without values of its own; a client's own values win.
 */
class WebhookRetryPolicyTest {
    private final WebhookSender sender = new WebhookSender(
            HttpClient.newHttpClient(),
            new JsonCodec(),
            Clock.systemUTC(),
            WebhookSender.Defaults.DEFAULTS
                    .withRetries(7, Duration.ofSeconds(2))
                    .withMaxConcurrency(9),
            new GatewayMetrics(new MetricRegistry()));

    private static Client client(Integer retries, Integer delaySecs, Integer concurrency) {
        return new Client(
                1,
                "bob",
                Secret.of("pw"),
                null,
                ClientType.WEB,
                null,
                ZoneId.of("UTC"),
                false,
                new ClientSettings(
                        AuthMethod.BASIC,
                        ApiFormat.GENERIC,
                        false,
                        retries,
                        10,
                        false,
                        null,
                        UsageLimits.NONE,
                        false,
                        delaySecs,
                        null,
                        concurrency,
                        null));
    }

    @Test
    void theEnvironmentsDefaultsApplyToAClientWithoutItsOwn() {
        Client plain = client(null, null, null);

        RetryPolicy policy = sender.retryPolicy(plain);

        assertThat(policy.retries()).isEqualTo(7);
        assertThat(policy.base()).isEqualTo(Duration.ofSeconds(2));
        assertThat(sender.maxConcurrency(plain)).isEqualTo(9);
        // seven retries at the first delay, then doubling (the upper bound of the jitter)
        assertThat(policy.delayInWindow(7, () -> 0.999_999)).isEqualTo(Duration.ofMillis(1_999));
        assertThat(policy.delayInWindow(8, () -> 0.999_999)).isEqualTo(Duration.ofMillis(3_999));
        assertThat(policy.delayInWindow(30, () -> 0.999_999)).isEqualTo(Duration.ofMillis(299_999));
    }

    @Test
    void aClientsOwnValuesWin() {
        Client own = client(0, 30, 2);

        RetryPolicy policy = sender.retryPolicy(own);

        assertThat(policy.retries()).isZero();
        assertThat(policy.base()).isEqualTo(Duration.ofSeconds(30));
        assertThat(sender.maxConcurrency(own)).isEqualTo(2);
        assertThat(policy.delayInWindow(1, () -> 0.999_999)).isEqualTo(Duration.ofMillis(59_999));
    }

    @Test
    void anAttemptMayLastAsLongAsTheWaitForItsEndpointAndItsRequest() {
        RetryPolicy policy = sender.retryPolicy(client(null, null, null));

        // 1 minute in the endpoint's queue, twice the 10 s request timeout, 5 s to spare
        assertThat(policy.timeout()).isEqualTo(Duration.ofSeconds(85));
    }
}
