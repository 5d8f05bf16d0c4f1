package io.gomsggw.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.model.ClientNumber;
import io.gomsggw.core.model.NumberSettings;
import io.gomsggw.core.model.UsageLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AutoReplierTest {
    private static final String PARTY = "+12505550199";

    private Instant now = Instant.parse("2026-12-03T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final AutoReplier replier = new AutoReplier(new AutoReplyPolicy(true, "Default reply"), clock);

    @Test
    void repliesOncePerCooldownToEachParty() {
        ClientNumber number = number(false);

        assertThat(replier.replyFor(number, PARTY)).contains("We are closed");
        assertThat(replier.replyFor(number, PARTY)).isEmpty();
        assertThat(replier.replyFor(number, "+12505550198")).contains("We are closed");

        now = now.plus(Duration.ofSeconds(120));
        assertThat(replier.replyFor(number, PARTY)).contains("We are closed");
    }

    @Test
    void aNumberWhoseClientHandlesStopItselfNeverAutoReplies() {
        assertThat(replier.replyFor(number(true), PARTY)).isEmpty();
    }

    private static ClientNumber number(boolean ignoreStopCmdSending) {
        NumberSettings settings = new NumberSettings(UsageLimits.NONE, null, true, "We are closed", 120);
        return new ClientNumber(7, 3, "+12505550100", "telnyx", null, null, null, ignoreStopCmdSending, settings);
    }
}
