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
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageCarryOverTest {
    private static final ZoneId VANCOUVER = ZoneId.of("America/Vancouver");

    private final InMemoryUsageStore store = new InMemoryUsageStore();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T20:00:00Z"));
    private final UsageCarryOver carryOver = new UsageCarryOver(store);

    private static Client client(UsageLimits limits) {
        ClientSettings settings = new ClientSettings(
                ClientSettings.DEFAULTS.authMethod(),
                ClientSettings.DEFAULTS.apiFormat(),
                false,
                3,
                10,
                false,
                null,
                limits,
                false);
        return new Client(7, "pbx", Secret.of("pw"), null, ClientType.LEGACY, "127.0.0.1", VANCOUVER, false, settings);
    }

    private Instant start(LimitPeriod period) {
        return period.start(clock.instant(), VANCOUVER);
    }

    @Test
    void aClientsCarriedDailyCountIsWhatTheLimiterContinuesFrom() {
        Client client = client(new UsageLimits(0, 5, 0, 0, 0, 0));
        assertThat(carryOver.client(7).raise(MessageType.SMS, LimitPeriod.DAILY, start(LimitPeriod.DAILY), 4))
                .isEqualTo(4);

        UsageLimiter limiter = new UsageLimiter(store, clock);
        assertThat(limiter.report(client, List.of()).client().sms().daily().currentUsage())
                .isEqualTo(4);
        assertThat(limiter.admit(client, null, MessageType.SMS, Direction.OUTBOUND))
                .isInstanceOf(Admission.Granted.class);
        assertThat(limiter.admit(client, null, MessageType.SMS, Direction.OUTBOUND))
                .isInstanceOfSatisfying(Admission.Refused.class, refused -> {
                    assertThat(refused.reason().scope()).isEqualTo(LimitScope.CLIENT);
                    assertThat(refused.reason().currentUsage()).isEqualTo(5);
                });
    }

    @Test
    void aNumbersCarriedMonthlyCountIsWhatTheLimiterContinuesFrom() {
        Client client = client(UsageLimits.NONE);
        ClientNumber number = new ClientNumber(
                1,
                7,
                "+12505550100",
                "telnyx",
                null,
                null,
                null,
                false,
                new NumberSettings(new UsageLimits(0, 0, 0, 0, 0, 2), null, false, null, 60));
        carryOver.number("+12505550100").raise(MessageType.MMS, LimitPeriod.MONTHLY, start(LimitPeriod.MONTHLY), 2);

        assertThat(new UsageLimiter(store, clock).admit(client, number, MessageType.MMS, Direction.OUTBOUND))
                .isInstanceOfSatisfying(
                        Admission.Refused.class,
                        refused -> assertThat(refused.reason().scope()).isEqualTo(LimitScope.NUMBER));
    }

    @Test
    void carryingTheSameCountTwiceAddsNothingTheSecondTime() {
        Instant day = start(LimitPeriod.DAILY);
        carryOver.client(7).raise(MessageType.SMS, LimitPeriod.DAILY, day, 10);

        assertThat(carryOver.client(7).shortfall(MessageType.SMS, LimitPeriod.DAILY, day, 10))
                .isZero();
        assertThat(carryOver.client(7).raise(MessageType.SMS, LimitPeriod.DAILY, day, 10))
                .isZero();
        assertThat(new UsageLimiter(store, clock)
                        .report(client(UsageLimits.NONE), List.of())
                        .client()
                        .sms()
                        .daily()
                        .currentUsage())
                .isEqualTo(10);
    }

    @Test
    void aCounterAboveTheCarriedCountIsNeverLowered() {
        Client client = client(UsageLimits.NONE);
        UsageLimiter limiter = new UsageLimiter(store, clock);
        for (int i = 0; i < 3; i++) {
            limiter.admit(client, null, MessageType.SMS, Direction.OUTBOUND);
        }
        limiter.flush();

        assertThat(carryOver.client(7).raise(MessageType.SMS, LimitPeriod.DAILY, start(LimitPeriod.DAILY), 2))
                .isZero();
        assertThat(carryOver.client(7).raise(MessageType.SMS, LimitPeriod.DAILY, start(LimitPeriod.DAILY), 5))
                .isEqualTo(2);
        assertThat(new UsageLimiter(store, clock)
                        .report(client, List.of())
                        .client()
                        .sms()
                        .daily()
                        .currentUsage())
                .isEqualTo(5);
    }

    @Test
    void countersOfOtherTypesPeriodsAndSubjectsAreLeftAlone() {
        Instant day = start(LimitPeriod.DAILY);
        carryOver.client(7).raise(MessageType.SMS, LimitPeriod.DAILY, day, 3);

        assertThat(carryOver.client(7).shortfall(MessageType.MMS, LimitPeriod.DAILY, day, 3))
                .isEqualTo(3);
        assertThat(carryOver.client(7).shortfall(MessageType.SMS, LimitPeriod.MONTHLY, start(LimitPeriod.MONTHLY), 3))
                .isEqualTo(3);
        assertThat(carryOver.client(8).shortfall(MessageType.SMS, LimitPeriod.DAILY, day, 3))
                .isEqualTo(3);
        assertThat(carryOver.number("+12505550100").shortfall(MessageType.SMS, LimitPeriod.DAILY, day, 3))
                .isEqualTo(3);
    }

    @Test
    void messagesCountInTheCountersTheLimiterWouldCountThemIn() {
        Client plain = client(UsageLimits.NONE);
        Client both = plain.withSettings(new ClientSettings(
                ClientSettings.DEFAULTS.authMethod(),
                ClientSettings.DEFAULTS.apiFormat(),
                false,
                3,
                10,
                false,
                null,
                UsageLimits.NONE,
                true));
        ClientNumber inherits = new ClientNumber(1, 7, "+12505550100", "telnyx", null, null, null, false, null);
        ClientNumber outboundOnly = new ClientNumber(
                2,
                7,
                "+12505550101",
                "telnyx",
                null,
                null,
                null,
                false,
                new NumberSettings(UsageLimits.NONE, false, false, null, 60));
        ClientNumber inboundToo = new ClientNumber(
                3,
                7,
                "+12505550102",
                "telnyx",
                null,
                null,
                null,
                false,
                new NumberSettings(UsageLimits.NONE, true, false, null, 60));

        assertThat(carryOver.countedIn(plain, inherits, Direction.OUTBOUND))
                .containsExactly(carryOver.client(7), carryOver.number("+12505550100"));
        assertThat(carryOver.countedIn(plain, null, Direction.OUTBOUND)).containsExactly(carryOver.client(7));
        assertThat(carryOver.countedIn(plain, inherits, Direction.INBOUND)).isEmpty();
        assertThat(carryOver.countedIn(plain, inboundToo, Direction.INBOUND))
                .containsExactly(carryOver.number("+12505550102"));
        assertThat(carryOver.countedIn(both, inherits, Direction.INBOUND))
                .containsExactly(carryOver.client(7), carryOver.number("+12505550100"));
        assertThat(carryOver.countedIn(both, outboundOnly, Direction.INBOUND)).containsExactly(carryOver.client(7));
    }
}
