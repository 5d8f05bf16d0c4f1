package io.gomsggw.carriers.loopback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gomsggw.core.model.Carrier;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.Secret;
import io.gomsggw.core.spi.CarrierAdapter;
import io.gomsggw.core.spi.CarrierAdapterFactory;
import io.gomsggw.core.spi.CarrierContext;
import io.gomsggw.core.spi.CarrierEvents;
import io.gomsggw.core.spi.SendOutcome;
import io.gomsggw.core.spi.WebhookResult;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoopbackCarrierTest {
    private final BlockingQueue<WebhookResult.StatusUpdate> reports = new LinkedBlockingQueue<>();
    private final CarrierEvents events = new CarrierEvents() {
        @Override
        public void status(String carrierName, WebhookResult.StatusUpdate update) {
            reports.add(update);
        }

        @Override
        public void inbound(String carrierName, WebhookResult.InboundMessage message) {}
    };

    private static Carrier carrier(String options) {
        return new Carrier(1, "lo", "loopback", null, Secret.of(""), "lo-uuid", options, null, null);
    }

    private static Message message() {
        return Message.builder()
                .id("m1")
                .from("+12505550001")
                .to("+16045550002")
                .text("hi")
                .createdAt(Instant.now())
                .build();
    }

    private CarrierAdapter adapter(String options) {
        return new LoopbackCarrierFactory()
                .create(carrier(options), new CarrierContext(Clock.systemUTC(), "http://gw", events));
    }

    @Test
    void isFoundByServiceLoaderAsTypeLoopback() {
        assertThat(ServiceLoader.load(CarrierAdapterFactory.class).stream()
                        .map(p -> p.get().type()))
                .contains("loopback");
    }

    @Test
    void acceptsAtOnceAndReportsDeliveredWithTheSameId() throws Exception {
        try (CarrierAdapter adapter = adapter("delay_ms=10")) {
            SendOutcome outcome =
                    adapter.send(message(), List.of()).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
            String id = ((SendOutcome.Accepted) outcome).peerMessageId();
            WebhookResult.StatusUpdate report = reports.poll(30, TimeUnit.SECONDS);
            assertThat(report).isNotNull();
            assertThat(report.carrierMessageId()).isEqualTo(id);
            assertThat(report.status()).isEqualTo(MessageStatus.DELIVERED);
        }
    }

    @Test
    void failsTheConfiguredShare() throws Exception {
        try (CarrierAdapter adapter = adapter("fail_percent=100")) {
            adapter.send(message(), List.of()).toCompletableFuture().get(5, TimeUnit.SECONDS);
            WebhookResult.StatusUpdate report = reports.poll(30, TimeUnit.SECONDS);
            assertThat(report.status()).isEqualTo(MessageStatus.FAILED);
            assertThat(report.reason()).contains("simulated");
        }
    }

    @Test
    void badOptionsAreRefusedNamingTheField() {
        LoopbackCarrierFactory factory = new LoopbackCarrierFactory();
        assertThatThrownBy(() -> factory.validate(carrier("delay_ms=soon")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("profile_id:");
        assertThatThrownBy(() -> factory.validate(carrier("fail_percent=101")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fail_percent");
        assertThatThrownBy(() -> factory.validate(carrier("colour=blue")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown loopback option");
        factory.validate(carrier(null));
        factory.validate(carrier("delay_ms=250;fail_percent=5"));
    }
}
