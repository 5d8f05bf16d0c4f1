package io.gomsggw.carriers.telnyx;

import static io.gomsggw.carriers.CarrierFixtures.CLOCK;
import static io.gomsggw.carriers.CarrierFixtures.context;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.gomsggw.core.model.Carrier;
import io.gomsggw.core.model.Secret;
import io.gomsggw.core.spi.CarrierAdapter;
import io.gomsggw.core.spi.CarrierAdapterFactory;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class TelnyxCarrierFactoryTest {
    private final TelnyxCarrierFactory factory = new TelnyxCarrierFactory();

    private static Carrier carrier(String password, String publicKey, String baseUrl) {
        return new Carrier(1, "telnyx-main", "telnyx", null, Secret.of(password), "uuid-1", null, publicKey, baseUrl);
    }

    @Test
    void isFoundByServiceLoaderAsTypeTelnyx() {
        assertThat(ServiceLoader.load(CarrierAdapterFactory.class).stream()
                        .map(p -> p.get().type()))
                .contains("telnyx", "twilio", "loopback");
    }

    @Test
    void badRecordsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> factory.validate(carrier("", null, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("password:");
        assertThatThrownBy(() -> factory.validate(carrier("k", "not*base64", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("webhook_public_key:");
        assertThatThrownBy(
                        () -> factory.validate(carrier("k", Base64.getEncoder().encodeToString(new byte[31]), null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("webhook_public_key:")
                .hasMessageContaining("31");
        assertThatThrownBy(() -> factory.validate(carrier("k", null, "api.telnyx.com")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("base_url:");
        assertThatThrownBy(() -> factory.create(carrier("", null, null), context(CLOCK)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("password:");
    }

    @Test
    void aRealKeyIsAccepted() throws Exception {
        String key = TelnyxWebhookTest.rawPublicKey(
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        factory.validate(carrier("k", key, "https://api.telnyx.com/"));
        try (CarrierAdapter adapter = factory.create(carrier("k", key, null), context(CLOCK))) {
            assertThat(adapter.name()).isEqualTo("telnyx-main");
            assertThat(((TelnyxCarrier) adapter).verifiesWebhooks()).isTrue();
        }
    }

    @Test
    void aCarrierWithoutPublicKeyLogsOneWarning() {
        Logger logger = (Logger) LoggerFactory.getLogger(TelnyxCarrierFactory.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try (CarrierAdapter adapter = factory.create(carrier("k", null, null), context(CLOCK))) {
            assertThat(((TelnyxCarrier) adapter).verifiesWebhooks()).isFalse();
            assertThat(appender.list).hasSize(1);
            ILoggingEvent event = appender.list.get(0);
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage())
                    .contains("carrier=telnyx-main")
                    .contains("unauthenticated");
        } finally {
            logger.detachAppender(appender);
        }
    }
}
