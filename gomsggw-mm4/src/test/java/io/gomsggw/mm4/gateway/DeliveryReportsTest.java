package io.gomsggw.mm4.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.gomsggw.core.dispatch.DeliveryWindows;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.MessageType;
import io.gomsggw.core.model.Protocol;
import io.gomsggw.core.model.StatusChange;
import io.gomsggw.core.spi.RetryPolicy;
import io.gomsggw.core.store.OwedReport;
import io.gomsggw.core.store.OwedReportStore;
import io.gomsggw.core.testing.Eventually;
import io.gomsggw.mm4.codec.DeliveryReport;
import io.gomsggw.mm4.codec.Mm4Parser;
import io.gomsggw.mm4.codec.Mm4Writer;
import io.gomsggw.mm4.codec.MmStatus;
import io.gomsggw.mm4.outbound.Mm4Sender;
import io.gomsggw.mm4.outbound.Mm4SenderSettings;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link DeliveryReports}: kept until the PBX takes them, tried again while it is down, resumed after a restart. */
class DeliveryReportsTest {
    private static final String PBX_MESSAGE_ID = "PBX-MSG-1@pbx.example.net";

    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final Mm4GatewaySettings settings = new Mm4GatewaySettings(
            "system@gw.example.com",
            "gw.example.com",
            614_400,
            new RetryPolicy(2, Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofSeconds(10)));
    private final InMemoryReports store = new InMemoryReports();
    private final List<DeliveryReports> opened = new ArrayList<>();
    private GreenMail pbxServer;

    @AfterEach
    void stop() {
        opened.forEach(DeliveryReports::close);
        if (pbxServer != null) {
            pbxServer.stop();
        }
        executor.shutdownNow();
    }

    private DeliveryReports reports(int pbxPort) {
        Client pbx = Mm4EgressTest.pbx("127.0.0.1:" + pbxPort);
        DeliveryReports reports = new DeliveryReports(
                new Mm4Sender(
                        Mm4SenderSettings.defaults("gw.example.com").withReadTimeout(Duration.ofSeconds(10)), executor),
                new Mm4Writer(Clock.systemUTC()),
                settings,
                id -> id == pbx.id() ? Optional.of(pbx) : Optional.empty(),
                store,
                null,
                new DeliveryWindows(Duration.ofHours(1)),
                Clock.systemUTC());
        opened.add(reports);
        return reports;
    }

    private void startPbx(int port) {
        pbxServer = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        pbxServer.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Message fromPbx(String id, Protocol ingress, String externalRef) {
        return Message.builder()
                .id(id)
                .type(MessageType.MMS)
                .from("+12505551234")
                .to("+12505550001")
                .text("a photo")
                .ingress(ingress)
                .clientId(7L)
                .externalRef(externalRef)
                .createdAt(Instant.now())
                .build();
    }

    private DeliveryReport received(int index) throws Exception {
        MimeMessage message = pbxServer.getReceivedMessages()[index];
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        message.writeTo(raw);
        return (DeliveryReport) new Mm4Parser().parse(raw.toByteArray());
    }

    /** A PBX whose SMTP server is down: it accepts connections and closes them at once, counting them. */
    private static final class DownPbx implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final AtomicInteger connections = new AtomicInteger();
        private final Thread thread = new Thread(this::run, "down-pbx");

        DownPbx() throws IOException {
            thread.start();
        }

        private void run() {
            while (!socket.isClosed()) {
                try (Socket ignored = socket.accept()) {
                    connections.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        }

        @Override
        public void close() throws Exception {
            socket.close();
            thread.join();
        }
    }

    /** A report kept by an earlier run: the PBX's message {@link #PBX_MESSAGE_ID}, from the PBX to the app. */
    private static OwedReport owed(
            String messageId, long clientId, MessageStatus status, String reason, Instant doneAt) {
        return new OwedReport(
                messageId, clientId, null, PBX_MESSAGE_ID, "+12505551234", "+12505550001", status, reason, doneAt);
    }

    private void keep(OwedReport report) {
        store.writeAll(List.of(new OwedReportStore.Keep(report)));
    }

    @Test
    void aReportIsKeptWhileThePbxIsDownTriedAgainAndSentWhenItComesBack() throws Exception {
        DownPbx down = new DownPbx();
        int port = down.socket.getLocalPort();
        DeliveryReports reports = reports(port);
        Instant done = Instant.now();

        reports.onStatus(
                fromPbx("m-other", Protocol.HTTP, "mm4:dr=1;mid=x@y"),
                new StatusChange(MessageStatus.DELIVERED, done, null));
        reports.onStatus(
                fromPbx("m-no-report", Protocol.MM4, "mm4:dr=0;mid=x@y"),
                new StatusChange(MessageStatus.DELIVERED, done, null));
        reports.onStatus(
                fromPbx("m-1", Protocol.MM4, "mm4:dr=1;mid=" + PBX_MESSAGE_ID),
                new StatusChange(MessageStatus.DELIVERED, done, null));

        Eventually.await("the report kept", () -> !store.ownedBy(null).isEmpty());
        assertThat(store.ownedBy(null))
                .as("only the MM4 message that asked for a report")
                .singleElement()
                .satisfies(kept -> {
                    assertThat(kept.messageId()).isEqualTo("m-1");
                    assertThat(kept.clientMessageId()).isEqualTo(PBX_MESSAGE_ID);
                    assertThat(kept.status()).isEqualTo(MessageStatus.DELIVERED);
                });
        Eventually.await("tried three times", () -> down.connections.get() >= 3);
        assertThat(reports.waiting()).isEqualTo(1);
        assertThat(store.ownedBy(null)).hasSize(1);

        down.close();
        startPbx(port);
        Eventually.await("the report at the PBX", () -> pbxServer.getReceivedMessages().length == 1);
        DeliveryReport report = received(0);
        assertThat(report.mmStatus()).isEqualTo(MmStatus.RETRIEVED);
        assertThat(report.transactionId()).isEqualTo("m-1-dr");
        assertThat(report.messageId()).isEqualTo("<" + PBX_MESSAGE_ID + ">");
        assertThat(report.from().number()).isEqualTo("+12505550001");
        assertThat(report.to().number()).isEqualTo("+12505551234");
        Eventually.await("forgotten once taken", () -> store.ownedBy(null).isEmpty() && reports.waiting() == 0);
        assertThat(pbxServer.getReceivedMessages()).hasSize(1);
    }

    @Test
    void reportsAnEarlierRunKeptAreSentOnResume() throws Exception {
        int port = freePort();
        startPbx(port);
        keep(owed(
                "m-2",
                7,
                MessageStatus.FAILED,
                "carrier: number not in service",
                Instant.now().minusSeconds(60)));

        reports(port).resume();

        Eventually.await("the report at the PBX", () -> pbxServer.getReceivedMessages().length == 1);
        DeliveryReport report = received(0);
        assertThat(report.mmStatus()).isEqualTo(MmStatus.UNREACHABLE);
        assertThat(report.statusText()).hasValue("carrier: number not in service");
        assertThat(report.transactionId()).isEqualTo("m-2-dr");
        Eventually.await("forgotten once taken", () -> store.ownedBy(null).isEmpty());
    }

    @Test
    void aReportIsGivenUpWhenThePbxsDeliveryWindowHasEnded() throws Exception {
        int port = freePort();
        keep(owed("m-3", 7, MessageStatus.DELIVERED, null, Instant.now().minus(Duration.ofHours(2))));
        DeliveryReports reports = reports(port);

        reports.resume();

        Eventually.await("given up and forgotten", () -> store.ownedBy(null).isEmpty() && reports.waiting() == 0);
    }

    @Test
    void aReportForAClientThatNoLongerExistsIsDropped() {
        keep(owed("m-4", 99, MessageStatus.DELIVERED, null, Instant.now()));
        DeliveryReports reports = reports(2566);

        reports.resume();

        Eventually.await("dropped", () -> store.ownedBy(null).isEmpty() && reports.waiting() == 0);
    }

    /** The store contract in memory (the Jdbi store has its own contract test). */
    private static final class InMemoryReports implements OwedReportStore {
        private final Map<String, OwedReport> rows = new LinkedHashMap<>();

        @Override
        public synchronized void writeAll(List<Change> changes) {
            for (Change change : changes) {
                if (change instanceof Keep keep) {
                    rows.put(keep.report().messageId(), keep.report());
                } else {
                    rows.remove(((Drop) change).messageId());
                }
            }
        }

        @Override
        public synchronized List<OwedReport> ownedBy(String owner) {
            return rows.values().stream()
                    .filter(r -> owner == null || owner.equals(r.owner()))
                    .toList();
        }
    }
}
