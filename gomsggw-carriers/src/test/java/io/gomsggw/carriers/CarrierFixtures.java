package io.gomsggw.carriers;

import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageType;
import io.gomsggw.core.spi.CarrierContext;
import io.gomsggw.core.spi.CarrierEvents;
import io.gomsggw.core.spi.WebhookRequest;
import io.gomsggw.core.spi.WebhookResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** Test helpers shared by the carrier adapter tests: fixtures, messages, contexts. */
public final class CarrierFixtures {
    public static final Instant NOW = Instant.parse("2024-03-05T17:30:05Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    public static final String PUBLIC_BASE_URL = "https://gw.example.com";

    private CarrierFixtures() {}

    /** A context with a fixed clock and events that must not be used by REST adapters. */
    public static CarrierContext context(Clock clock) {
        return new CarrierContext(clock, PUBLIC_BASE_URL, new CarrierEvents() {
            @Override
            public void status(String carrierName, WebhookResult.StatusUpdate update) {
                throw new AssertionError("unexpected status event");
            }

            @Override
            public void inbound(String carrierName, WebhookResult.InboundMessage message) {
                throw new AssertionError("unexpected inbound event");
            }
        });
    }

    public static byte[] resource(String path) {
        try (InputStream in = CarrierFixtures.class.getResourceAsStream("/" + path)) {
            if (in == null) throw new IllegalArgumentException("no test resource " + path);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String resourceText(String path) {
        return new String(resource(path), java.nio.charset.StandardCharsets.UTF_8);
    }

    public static Message sms(String text) {
        return Message.builder()
                .id("m-1")
                .from("+17735550002")
                .to("+13125550001")
                .text(text)
                .createdAt(NOW)
                .build();
    }

    public static Message mms(String text) {
        return Message.builder()
                .id("m-2")
                .type(MessageType.MMS)
                .from("+17735550002")
                .to("+13125550001")
                .text(text)
                .media(List.of(
                        new MediaPart("a.jpg", "image/jpeg", new byte[] {1}),
                        new MediaPart("b.png", "image/png", new byte[] {2})))
                .createdAt(NOW)
                .build();
    }

    public static WebhookRequest post(String path, String query, Map<String, String> headers, byte[] body) {
        Map<String, List<String>> lower = new java.util.HashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), List.of(v)));
        return new WebhookRequest("POST", path, query, lower, body, "203.0.113.7");
    }

    /** A local port nothing listens on (bound, then released). */
    public static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
