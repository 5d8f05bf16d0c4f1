package io.gomsggw.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.testing.Eventually;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jsmpp.bean.DeliverSm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conversation order toward a PBX holds across a retry: the PBX (jsmpp) answers the first
 * {@code deliver_sm} {@code ESME_RTHROTTLED}; that message is parked for its retry, and the
 * messages of the same conversation sent after it wait behind it instead of overtaking it.
 */
class SmppOrderAcrossRetryTest {
    private static final String PBX = "12505550001";
    private static final String APP = "12505550002";

    @TempDir
    Path workingDirectory;

    private SmppGatewayFixture gw;
    private JsmppPbx pbx;

    @AfterEach
    void stop() {
        if (pbx != null) pbx.close();
        if (gw != null) gw.close();
    }

    @Test
    void messagesBehindAThrottledOneArriveAfterItInOrder() throws Exception {
        gw = new SmppGatewayFixture(workingDirectory);
        gw.legacyClient("pbx", PBX);
        gw.webClient("app", APP);
        pbx = new JsmppPbx(gw.smppPort(), "pbx", SmppGatewayFixture.smppPassword("pbx"));
        pbx.throttleNext.set(1);

        for (String text : new String[] {"one", "two", "three"}) {
            assertThat(gw.webSend("app", APP, PBX, text).status()).isEqualTo(202);
        }

        Eventually.await("all three delivered", () -> pbx.messages().size() == 3);
        assertThat(pbx.throttled).extracting(SmppOrderAcrossRetryTest::text).containsExactly("one");
        assertThat(pbx.messages()).extracting(SmppOrderAcrossRetryTest::text).containsExactly("one", "two", "three");
    }

    private static String text(DeliverSm deliverSm) {
        return new String(deliverSm.getShortMessage(), StandardCharsets.ISO_8859_1);
    }
}
