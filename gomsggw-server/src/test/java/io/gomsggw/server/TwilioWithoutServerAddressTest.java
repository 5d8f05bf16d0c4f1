package io.gomsggw.server;

import static io.gomsggw.core.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.gomsggw.carriers.twilio.TwilioCarrierFactory;
import io.gomsggw.server.config.ConfigLoader;
import io.gomsggw.server.config.GatewayConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Twilio webhooks with the default settings (no {@code SERVER_ADDRESS}): the URL Twilio signed is
 * rebuilt from the request, with a trusted proxy's {@code X-Forwarded-Proto} and
 * {@code X-Forwarded-Host}; signatures are computed here with Twilio's published algorithm
 * (HMAC-SHA1 over the URL and the sorted parameters, base64), independently of the adapter.
 */
class TwilioWithoutServerAddressTest {
    private static final String API_KEY = "twilio-no-address-key";
    private static final String TOKEN = "auth-token-7";

    @TempDir
    Path workingDirectory;

    private final HttpClient http = HttpClient.newHttpClient();
    private final WebhookReceiver receiver = new WebhookReceiver();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger factoryLog = (Logger) LoggerFactory.getLogger(TwilioCarrierFactory.class);
    private Gateway gateway;
    private String inboundPath;

    TwilioWithoutServerAddressTest() throws Exception {}

    @BeforeEach
    void attachLog() {
        logs.start();
        factoryLog.addAppender(logs);
    }

    @AfterEach
    void stop() {
        factoryLog.detachAppender(logs);
        if (gateway != null) gateway.close();
        receiver.close();
    }

    /** The gateway with a Twilio carrier and a web client owning +14155550100; no SERVER_ADDRESS. */
    private void start(Map<String, String> more) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of(
                "API_KEY",
                API_KEY,
                "WEB_LISTEN",
                "127.0.0.1:0",
                "PROMETHEUS_LISTEN",
                "127.0.0.1:0",
                "SMPP_LISTEN",
                "127.0.0.1:0",
                "TRANSCODER_AV_WORKERS",
                "0"));
        env.putAll(more);
        GatewayConfig config = new ConfigLoader("twilio-no-address", 2).load(env, workingDirectory);
        gateway = Gateway.start(
                config, Clock.systemUTC(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        HttpProbe admin = new HttpProbe(base(), API_KEY);
        HttpProbe.Reply carrier = admin.post(
                "/carriers",
                "{\"name\":\"twilio-main\",\"type\":\"twilio\","
                        + "\"username\":\"AC00000000000000000000000000000007\",\"password\":\"" + TOKEN + "\"}");
        assertThat(carrier.status()).isEqualTo(201);
        inboundPath = "/inbound/" + carrier.body().get("uuid").asText();
        long client = admin.post("/clients", "{\"username\":\"shop\",\"password\":\"pw-shop\",\"type\":\"web\"}")
                .body()
                .get("id")
                .asLong();
        admin.put("/clients/" + client + "/settings", "{\"default_webhook\":\"" + receiver.url("/shop") + "\"}");
        assertThat(admin.post(
                                "/clients/" + client + "/numbers",
                                "{\"number\":\"+14155550100\",\"carrier\":\"twilio-main\"}")
                        .status())
                .isEqualTo(201);
    }

    private String base() {
        return "http://127.0.0.1:" + gateway.webAddress().getPort();
    }

    private static Map<String, String> inbound(String text) {
        return new TreeMap<>(Map.of(
                "MessageSid",
                "SM" + Integer.toHexString(text.hashCode()) + "0".repeat(24),
                "AccountSid",
                "AC00000000000000000000000000000007",
                "From",
                "+13125550001",
                "To",
                "+14155550100",
                "Body",
                text,
                "NumMedia",
                "0"));
    }

    @Test
    void aRequestSignedForTheUrlAProxyForwardedIsAcceptedAndATamperedOneRefused() throws Exception {
        start(Map.of());
        String publicUrl = "https://sms.example.org" + inboundPath;
        Map<String, String> form = inbound("via the proxy");
        Map<String, String> proxy = Map.of(
                "X-Forwarded-Proto", "https", "X-Forwarded-Host", "sms.example.org", "X-Forwarded-For", "54.172.60.1");

        HttpResponse<String> signed = post(encode(form), twilioSignature(publicUrl, form), proxy);
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        assertThat(signed.body()).isEqualTo("<Response></Response>");
        await(
                "the owner's webhook",
                () -> !receiver.where("text", "via the proxy").isEmpty());

        Map<String, String> tampered = new TreeMap<>(form);
        tampered.put("Body", "via the proxy, changed");
        assertThat(post(encode(tampered), twilioSignature(publicUrl, form), proxy)
                        .statusCode())
                .isEqualTo(401);
        Map<String, String> otherHost = Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "other.example.org");
        assertThat(post(encode(form), twilioSignature(publicUrl, form), otherHost)
                        .statusCode())
                .isEqualTo(401);
        assertThat(post(encode(form), null, proxy).statusCode()).isEqualTo(401);
        assertThat(receiver.where("text", "via the proxy, changed")).isEmpty();
    }

    @Test
    void withoutAProxyTheHostHeaderIsTheUrl() throws Exception {
        start(Map.of());
        Map<String, String> form = inbound("straight in");
        // The JDK client sends Host: 127.0.0.1:<port>; Twilio would have called that URL over http.
        String url = base() + inboundPath;

        assertThat(post(encode(form), twilioSignature(url, form), Map.of()).statusCode())
                .isEqualTo(200);
        await(
                "the owner's webhook",
                () -> !receiver.where("text", "straight in").isEmpty());
    }

    @Test
    void forwardedHeadersFromAnUntrustedPeerAreIgnored() throws Exception {
        start(Map.of("TRUSTED_PROXIES", "192.0.2.1"));
        Map<String, String> form = inbound("not from a proxy");
        Map<String, String> claimed = Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "sms.example.org");

        assertThat(post(encode(form), twilioSignature("https://sms.example.org" + inboundPath, form), claimed)
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void oneWarningNamesTheRiskAtStart() throws Exception {
        start(Map.of());
        new HttpProbe(base(), API_KEY)
                .post(
                        "/carriers",
                        "{\"name\":\"twilio-second\",\"type\":\"twilio\","
                                + "\"username\":\"AC00000000000000000000000000000008\",\"password\":\"t2\"}");

        assertThat(logs.list)
                .filteredOn(e -> e.getLevel() == Level.WARN)
                .singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage())
                        .contains("SERVER_ADDRESS is not set")
                        .contains("Host header")
                        .contains("TRUSTED_PROXIES"));
    }

    @Test
    void withAPublicServerAddressNoWarningAndItsUrlIsChecked() throws Exception {
        start(Map.of("SERVER_ADDRESS", "https://gw.example.com"));
        Map<String, String> form = inbound("by address");
        Map<String, String> proxy = Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "sms.example.org");

        assertThat(post(encode(form), twilioSignature("https://sms.example.org" + inboundPath, form), proxy)
                        .statusCode())
                .isEqualTo(401);
        assertThat(post(encode(form), twilioSignature("https://gw.example.com" + inboundPath, form), proxy)
                        .statusCode())
                .isEqualTo(200);
        assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.WARN).isEmpty();
    }

    private HttpResponse<String> post(String body, String signature, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + inboundPath))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(Map<String, String> form) {
        StringBuilder out = new StringBuilder();
        form.forEach((name, value) -> out.append(out.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return out.toString();
    }

    /** Twilio's published algorithm: base64(HMAC-SHA1(auth token, URL + each parameter's name and value, sorted)). */
    private static String twilioSignature(String url, Map<String, String> sortedParams) throws Exception {
        StringBuilder data = new StringBuilder(url);
        sortedParams.forEach((name, value) -> data.append(name).append(value));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
