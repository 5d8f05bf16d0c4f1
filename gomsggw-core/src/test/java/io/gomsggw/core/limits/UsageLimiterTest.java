package io.gomsggw.core.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientNumber;
import io.gomsggw.core.model.ClientSettings;
import io.gomsggw.core.model.ClientType;
import io.gomsggw.core.model.Direction;
import io.gomsggw.core.model.MessageType;
import io.gomsggw.core.model.NumberSettings;
import io.gomsggw.core.model.Secret;
import io.gomsggw.core.model.UsageLimits;
import io.gomsggw.core.testing.InMemoryUsageStore;
import io.gomsggw.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class UsageLimiterTest {
    private final InMemoryUsageStore store = new InMemoryUsageStore();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T12:00:30Z"));

    private static Client client(long id, UsageLimits limits, boolean limitBoth, String zone) {
        ClientSettings settings = new ClientSettings(
                ClientSettings.DEFAULTS.authMethod(),
                ClientSettings.DEFAULTS.apiFormat(),
                false,
                3,
                10,
                false,
                null,
                limits,
                limitBoth);
        return new Client(id, "c" + id, Secret.of("pw"), null, ClientType.WEB, null, ZoneId.of(zone), false, settings);
    }

    private static ClientNumber number(long clientId, String e164, UsageLimits limits, Boolean limitBoth) {
        return new ClientNumber(
                1,
                clientId,
                e164,
                "telnyx",
                null,
                null,
                null,
                false,
                new NumberSettings(limits, limitBoth, false, null, 60));
    }

    private static UsageLimits smsDaily(long n) {
        return new UsageLimits(0, n, 0, 0, 0, 0);
    }

    @Test
    void exactlyTheLimitPassesUnderFiftyConcurrentSenders() throws Exception {
        UsageLimiter limiter = new UsageLimiter(store, clock);
        Client client = client(1, smsDaily(100), false, "UTC");
        ClientNumber number = number(1, "+12505550001", UsageLimits.NONE, null);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < 50; t++) {
            results.add(pool.submit(() -> {
                start.await();
                int granted = 0;
                for (int i = 0; i < 10; i++) {
                    if (limiter.admit(client, number, MessageType.SMS, Direction.OUTBOUND)
                            instanceof Admission.Granted) {
                        granted++;
                    }
                }
                return granted;
            }));
        }
        start.countDown();
        int total = 0;
        for (Future<Integer> f : results) {
            total += f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(total).isEqualTo(100);
        limiter.flush();
        assertThat(store.get("client:1:sms:daily", Instant.parse("2026-03-10T00:00:00Z")))
                .isEqualTo(100);
    }

    @Test
    void numberLimitIsCheckedBeforeTheClientsAndTheClientLimitStaysAGlobalCap() {
        UsageLimiter limiter = new UsageLimiter(store, clock);
        Client client = client(1, smsDaily(5), false, "UTC");
        ClientNumber limited = number(1, "+12505550001", smsDaily(3), null);
        ClientNumber inherits = number(1, "+12505550002", UsageLimits.NONE, null);

        for (int i = 0; i < 3; i++) {
            assertThat(limiter.admit(client, limited, MessageType.SMS, Direction.OUTBOUND))
                    .isInstanceOf(Admission.Granted.class);
        }
        Admission refused = limiter.admit(client, limited, MessageType.SMS, Direction.OUTBOUND);
        assertThat(refused).isInstanceOfSatisfying(Admission.Refused.class, r -> {
            assertThat(r.reason().limitType()).isEqualTo("daily_sms_number");
            assertThat(r.reason().currentUsage()).isEqualTo(3);
            assertThat(r.reason().limit()).isEqualTo(3);
            assertThat(r.reason().number()).isEqualTo("+12505550001");
        });

        assertThat(limiter.admit(client, inherits, MessageType.SMS, Direction.OUTBOUND))
                .isInstanceOf(Admission.Granted.class);
        assertThat(limiter.admit(client, inherits, MessageType.SMS, Direction.OUTBOUND))
                .isInstanceOf(Admission.Granted.class);
        assertThat(limiter.admit(client, inherits, MessageType.SMS, Direction.OUTBOUND))
                .isInstanceOfSatisfying(
                        Admission.Refused.class,
                        r -> assertThat(r.reason().limitType()).isEqualTo("daily_sms_client"));
        // MMS counts separately.
        assertThat(limiter.admit(client, inherits, MessageType.MMS, Direction.OUTBOUND))
                .isInstanceOf(Admission.Granted.class);
    }

    @Test
    void inboundCountsOnlyWithLimitBoth() {
        UsageLimiter limiter = new UsageLimiter(store, clock);
        Client outboundOnly = client(1, smsDaily(1), false, "UTC");
        ClientNumber n1 = number(1, "+12505550001", UsageLimits.NONE, null);
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.admit(outboundOnly, n1, MessageType.SMS, Direction.INBOUND))
                    .isInstanceOf(Admission.Granted.class);
        }
        Client both = client(2, smsDaily(1), true, "UTC");
        ClientNumber n2 = number(2, "+12505550002", UsageLimits.NONE, null);
        assertThat(limiter.admit(both, n2, MessageType.SMS, Direction.INBOUND)).isInstanceOf(Admission.Granted.class);
        assertThat(limiter.admit(both, n2, MessageType.SMS, Direction.OUTBOUND)).isInstanceOf(Admission.Refused.class);

        // A number's own limit_both=false overrides the client's true for the number counter.
        Client c3 = client(3, UsageLimits.NONE, true, "UTC");
        ClientNumber n3 = number(3, "+12505550003", smsDaily(1), false);
        assertThat(limiter.admit(c3, n3, MessageType.SMS, Direction.INBOUND)).isInstanceOf(Admission.Granted.class);
        assertThat(limiter.admit(c3, n3, MessageType.SMS, Direction.INBOUND)).isInstanceOf(Admission.Granted.class);
        assertThat(limiter.admit(c3, n3, MessageType.SMS, Direction.OUTBOUND)).isInstanceOf(Admission.Granted.class);
        assertThat(limiter.admit(c3, n3, MessageType.SMS, Direction.OUTBOUND)).isInstanceOf(Admission.Refused.class);
    }

    @Test
    void theDayTurnsAtMidnightInTheClientsTimeZone() {
        // 23:59 in Vancouver (UTC-7 in summer) is 06:59 UTC the next day.
        clock.set(Instant.parse("2026-07-15T06:59:00Z"));
        UsageLimiter limiter = new UsageLimiter(store, clock);
        Client client = client(1, smsDaily(1), false, "America/Vancouver");
        ClientNumber number = number(1, "+12505550001", UsageLimits.NONE, null);
        assertThat(limiter.admit(client, number, MessageType.SMS, Direction.OUTBOUND))
                .isInstanceOf(Admission.Granted.class);
        assertThat(limiter.admit(client, number, MessageType.SMS, Direction.OUTBOUND))
                .isInstanceOf(Admission.Refused.class);

        // At midnight UTC (17:00 in Vancouver) nothing turned for this client.
        clock.set(Instant.parse("2026-07-15T06:59:59Z"));
        assertThat(limiter.admit(client, number, MessageType.SMS, Direction.OUTBOUND))
                .isInstanceOf(Admission.Refused.class);
        clock.set(Instant.parse("2026-07-15T07:00:00Z"));
        assertThat(limiter.admit(client, number, MessageType.SMS, Direction.OUTBOUND))
                .isInstanceOf(Admission.Granted.class);

        UsageReport report = limiter.report(client, List.of(number));
        assertThat(report.resetTimes().get(LimitPeriod.DAILY)).isEqualTo(Instant.parse("2026-07-16T07:00:00Z"));
        assertThat(report.resetTimes().get(LimitPeriod.MONTHLY)).isEqualTo(Instant.parse("2026-08-01T07:00:00Z"));
        assertThat(report.resetTimes().get(LimitPeriod.BURST)).isEqualTo(Instant.parse("2026-07-15T07:01:00Z"));
    }

    @Test
    void burstTurnsEveryMinuteAndMonthlyOnTheFirst() {
        clock.set(Instant.parse("2026-01-31T23:59:10Z"));
        UsageLimiter limiter = new UsageLimiter(store, clock);
        Client client = client(1, new UsageLimits(2, 0, 3, 0, 0, 0), false, "UTC");
        assertThat(limiter.admit(client, null, MessageType.SMS, Direction.OUTBOUND))
                .isInstanceOf(Admission.Granted.class);
        assertThat(limiter.admit(client, null, MessageType.SMS, Direction.OUTBOUND))
                .isInstanceOf(Admission.Granted.class);
        assertThat(limiter.admit(client, null, MessageType.SMS, Direction.OUTBOUND))
                .isInstanceOfSatisfying(
                        Admission.Refused.class,
                        r -> assertThat(r.reason().limitType()).isEqualTo("burst_sms_client"));
        clock.advance(Duration.ofSeconds(40)); // 23:59:50, same minute
        assertThat(limiter.admit(client, null, MessageType.SMS, Direction.OUTBOUND))
                .isInstanceOf(Admission.Refused.class);
        clock.set(Instant.parse("2026-01-31T23:59:59Z").plusSeconds(1)); // new minute, new month
        assertThat(limiter.admit(client, null, MessageType.SMS, Direction.OUTBOUND))
                .isInstanceOf(Admission.Granted.class);
        assertThat(limiter.report(client, List.of()).client().sms().monthly().currentUsage())
                .isEqualTo(1);
    }

    @Test
    void countsSurviveARestartThroughTheStore() {
        UsageLimiter first = new UsageLimiter(store, clock);
        Client client = client(1, smsDaily(3), false, "UTC");
        for (int i = 0; i < 2; i++) {
            first.admit(client, null, MessageType.SMS, Direction.OUTBOUND);
        }
        first.flush();

        UsageLimiter second = new UsageLimiter(store, clock);
        assertThat(second.admit(client, null, MessageType.SMS, Direction.OUTBOUND))
                .isInstanceOf(Admission.Granted.class);
        assertThat(second.admit(client, null, MessageType.SMS, Direction.OUTBOUND))
                .isInstanceOf(Admission.Refused.class);
    }

    @Test
    void aReleasedAdmissionGivesItsCountBack() {
        UsageLimiter limiter = new UsageLimiter(store, clock);
        Client client = client(1, smsDaily(1), false, "UTC");
        Admission first = limiter.admit(client, null, MessageType.SMS, Direction.OUTBOUND);
        ((Admission.Granted) first).release();
        assertThat(limiter.admit(client, null, MessageType.SMS, Direction.OUTBOUND))
                .isInstanceOf(Admission.Granted.class);
        limiter.flush();
        assertThat(store.get("client:1:sms:daily", Instant.parse("2026-03-10T00:00:00Z")))
                .isEqualTo(1);
    }

    @Test
    void reportShowsUsageLimitsAndRemaining() {
        UsageLimiter limiter = new UsageLimiter(store, clock);
        Client client = client(1, smsDaily(10), false, "UTC");
        ClientNumber number = number(1, "+12505550001", new UsageLimits(0, 4, 0, 0, 0, 0), null);
        limiter.admit(client, number, MessageType.SMS, Direction.OUTBOUND);
        limiter.admit(client, number, MessageType.SMS, Direction.OUTBOUND);
        UsageReport report = limiter.report(client, List.of(number));
        assertThat(report.client().sms().daily()).isEqualTo(new PeriodUsage(2, 10));
        assertThat(report.client().sms().daily().remaining()).isEqualTo(8);
        assertThat(report.client().mms().daily().remaining()).isEqualTo(-1);
        assertThat(report.numbers()).singleElement().satisfies(n -> {
            assertThat(n.number()).isEqualTo("+12505550001");
            assertThat(n.usage().sms().daily()).isEqualTo(new PeriodUsage(2, 4));
        });
    }
}
