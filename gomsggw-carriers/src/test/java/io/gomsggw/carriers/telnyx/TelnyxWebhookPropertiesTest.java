package io.gomsggw.carriers.telnyx;

import static io.gomsggw.carriers.CarrierFixtures.CLOCK;
import static io.gomsggw.carriers.CarrierFixtures.resource;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gomsggw.carriers.Mutations;
import io.gomsggw.carriers.WebhookResults;
import io.gomsggw.core.spi.WebhookResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Whatever Telnyx (or anyone) posts, the parser answers with a {@link WebhookResult}: accepted
 * events are well formed, everything else is {@link WebhookResult.Malformed} with a reason; no
 * exception escapes. Inputs are bounded (a few KiB) so each try is quick.
 */
class TelnyxWebhookPropertiesTest {
    private static final List<String> REAL = List.of(
            "telnyx/message-received-mms.json",
            "telnyx/message-sent.json",
            "telnyx/message-finalized-delivered.json",
            "telnyx/message-finalized-delivery-failed.json");
    private static final List<String> TOKENS = List.of(
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "\"",
            "null",
            "true",
            "-1e999",
            "\"data\":",
            "\"payload\":{}",
            "\"event_type\":\"message.received\"",
            "\"event_type\":\"message.finalized\"",
            "\"to\":[]",
            "\"to\":[{}]",
            "\"media\":[{\"url\":null}]",
            "\"media\":{}",
            "\"from\":\"x\"",
            "\"received_at\":\"yesterday\"",
            "\"status\":7",
            "\"errors\":[null]",
            "\\u0000",
            "\\ud800",
            "\u00ff");

    private final TelnyxWebhook webhook = new TelnyxWebhook(new ObjectMapper(), CLOCK);

    @Property(tries = 1000)
    void randomBytesGiveOnlyTypedResults(@ForAll @Size(max = 2048) byte[] body) {
        WebhookResults.assertTyped(webhook.parse(body));
    }

    @Property(tries = 1000)
    void randomJsonShapedTextGivesOnlyTypedResults(@ForAll("jsonish") String body) {
        WebhookResults.assertTyped(webhook.parse(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Property(tries = 2000)
    void mutatedRealEventsGiveOnlyTypedResults(
            @ForAll("real") byte[] event, @ForAll("mutations") List<UnaryOperator<byte[]>> mutations) {
        WebhookResults.assertTyped(webhook.parse(Mutations.apply(event, mutations)));
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
    Arbitrary<String> jsonish() {
        return Arbitraries.of(TOKENS).list().ofMaxSize(60).map(tokens -> String.join("", tokens));
    }
}
