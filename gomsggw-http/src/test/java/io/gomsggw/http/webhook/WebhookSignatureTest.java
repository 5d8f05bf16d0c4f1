package io.gomsggw.http.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    private static final byte[] BODY = "{\"id\":\"m-1\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    @Test
    void signsTimestampDotBodyWithHmacSha256() {
        // python3: hmac.new(b'key', b'1700000000.{"id":"m-1"}', hashlib.sha256).hexdigest()
        assertThat(WebhookSignature.sign("key", 1_700_000_000L, BODY))
                .isEqualTo("t=1700000000,v1=96a689d40e893671e8cb4bd3e86945fda008d5c43aaed112398b2a169ec33590");
    }

    @Test
    void verifiesItsOwnSignatureWithinTheTolerance() {
        String header = WebhookSignature.sign("key", NOW.getEpochSecond(), BODY);

        assertThat(WebhookSignature.verify("key", header, BODY, NOW, TOLERANCE)).isTrue();
        assertThat(WebhookSignature.verify("key", header, BODY, NOW.plus(TOLERANCE), TOLERANCE))
                .isTrue();
        assertThat(WebhookSignature.verify("key", header, BODY, NOW.plusSeconds(301), TOLERANCE))
                .isFalse();
    }

    @Test
    void refusesAnotherKeyAnotherBodyAndMalformedHeaders() {
        String header = WebhookSignature.sign("key", NOW.getEpochSecond(), BODY);

        assertThat(WebhookSignature.verify("other", header, BODY, NOW, TOLERANCE))
                .isFalse();
        assertThat(WebhookSignature.verify("key", header, "{\"id\":\"m-2\"}".getBytes(), NOW, TOLERANCE))
                .isFalse();
        assertThat(WebhookSignature.verify("key", null, BODY, NOW, TOLERANCE)).isFalse();
        assertThat(WebhookSignature.verify("key", "v1=abcd", BODY, NOW, TOLERANCE))
                .isFalse();
        assertThat(WebhookSignature.verify("key", "t=soon,v1=abcd", BODY, NOW, TOLERANCE))
                .isFalse();
        assertThat(WebhookSignature.verify("key", "t=1700000000,v1=zz", BODY, NOW, TOLERANCE))
                .isFalse();
    }
}
