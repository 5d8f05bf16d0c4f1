package io.gomsggw.carriers.twilio;

import static io.gomsggw.carriers.CarrierFixtures.CLOCK;
import static io.gomsggw.carriers.CarrierFixtures.context;
import static io.gomsggw.carriers.CarrierFixtures.post;
import static io.gomsggw.carriers.CarrierFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.carriers.Mutations;
import io.gomsggw.carriers.WebhookResults;
import io.gomsggw.core.model.Carrier;
import io.gomsggw.core.model.Secret;
import io.gomsggw.core.spi.CarrierAdapter;
import io.gomsggw.core.spi.WebhookResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Whatever is posted to a Twilio carrier's webhook, signed correctly or not, the adapter answers
 * with a {@link WebhookResult} (accepted and well formed, malformed with a reason, or unauthorized);
 * no exception escapes. Inputs are bounded (a few KiB).
 */
class TwilioWebhookPropertiesTest {
    private static final String TOKEN = "f00dfacef00dfacef00dfacef00dface";
    private static final String PATH = "/inbound/0f3e5a7c-2b1d-4c9e-8f6a-5d4c3b2a1908";
    private static final List<String> REAL =
            List.of("twilio/inbound-mms.form", "twilio/status-delivered.form", "twilio/status-undelivered.form");
    private static final List<String> TOKENS = List.of(
            "&",
            "=",
            "%",
            "%2",
            "%ZZ",
            "%00",
            "+",
            "&&==",
            "NumMedia=11",
            "NumMedia=-1",
            "NumMedia=x",
            "NumMedia=2",
            "MediaUrl0=",
            "MediaUrl1=http%3A%2F%2F10.0.0.1%2F",
            "MessageSid=",
            "SmsSid=SM1",
            "MessageStatus=received",
            "MessageStatus=failed",
            "ErrorCode=30003",
            "Body=",
            "From=",
            "To=%2B1",
            "%E2%80",
            "%C3%A9");

    private final CarrierAdapter adapter = new TwilioCarrierFactory()
            .create(
                    new Carrier(
                            3,
                            "twilio-main",
                            "twilio",
                            "AC00000000000000000000000000000001",
                            Secret.of(TOKEN),
                            "0f3e5a7c-2b1d-4c9e-8f6a-5d4c3b2a1908",
                            null,
                            null,
                            null),
                    context(CLOCK));

    @Property(tries = 1000)
    void randomSignedFormsGiveOnlyTypedResults(@ForAll("forms") String form) {
        onlyTyped(signedPost(form.getBytes(StandardCharsets.UTF_8)));
    }

    @Property(tries = 500)
    void randomBytesGiveOnlyTypedResults(@ForAll @Size(max = 2048) byte[] body) {
        onlyTyped(signedPost(body));
        onlyTyped(adapter.handleWebhook(post(
                PATH,
                "",
                Map.of("X-Twilio-Signature", "bm9wZQ==", "Content-Type", "application/x-www-form-urlencoded"),
                body)));
    }

    @Property(tries = 2000)
    void mutatedRealWebhooksGiveOnlyTypedResults(
            @ForAll("real") byte[] form, @ForAll("mutations") List<UnaryOperator<byte[]>> mutations) {
        onlyTyped(signedPost(Mutations.apply(form, mutations)));
    }

    /** Posts {@code body} signed as Twilio would sign it (when it can be read as a form at all). */
    private WebhookResult signedPost(byte[] body) {
        String signature;
        try {
            signature = new TwilioSignature(TOKEN).compute("https://gw.example.com" + PATH, TwilioWebhook.params(body));
        } catch (IllegalArgumentException notAForm) {
            signature = "bm9wZQ==";
        }
        return adapter.handleWebhook(post(
                PATH,
                "",
                Map.of("X-Twilio-Signature", signature, "Content-Type", "application/x-www-form-urlencoded"),
                body));
    }

    private static void onlyTyped(WebhookResult result) {
        if (result instanceof WebhookResult.Unauthorized unauthorized) {
            assertThat(unauthorized.reason()).isNotBlank();
            return;
        }
        WebhookResults.assertTyped(result);
        if (result instanceof WebhookResult.Accepted accepted) {
            accepted.inbound().forEach(message -> assertThat(message.media()).hasSizeLessThanOrEqualTo(10));
        }
    }

    @Provide
    Arbitrary<byte[]> real() {
        return Arbitraries.of(REAL).map(path -> resource(path));
    }

    @Provide
    Arbitrary<List<UnaryOperator<byte[]>>> mutations() {
        return Mutations.of(TOKENS, 8);
    }

    @Provide
    Arbitrary<String> forms() {
        return Arbitraries.of(TOKENS).list().ofMaxSize(40).map(tokens -> String.join("", tokens));
    }
}
