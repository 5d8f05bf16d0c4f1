package io.gomsggw.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.model.NumberSettings;
import io.gomsggw.core.model.UsageLimits;
import org.junit.jupiter.api.Test;

class AutoReplyPolicyTest {
    private static NumberSettings settings(boolean enabled, String message) {
        return new NumberSettings(UsageLimits.NONE, null, enabled, message, 60);
    }

    @Test
    void theNumbersOwnMessageWinsOverTheDefault() {
        AutoReplyPolicy policy = new AutoReplyPolicy(true, "We are closed");
        assertThat(policy.effectiveMessage(settings(true, "Back Monday"))).isEqualTo("Back Monday");
        assertThat(policy.effectiveMessage(settings(true, "  "))).isEqualTo("We are closed");
        assertThat(policy.effectiveMessage(settings(true, null))).isEqualTo("We are closed");
    }

    @Test
    void effectiveOnlyWithMasterSwitchNumberSwitchAndAMessage() {
        assertThat(new AutoReplyPolicy(true, "Hi").effectiveEnabled(settings(true, null)))
                .isTrue();
        assertThat(new AutoReplyPolicy(false, "Hi").effectiveEnabled(settings(true, "Own")))
                .isFalse();
        assertThat(new AutoReplyPolicy(true, "Hi").effectiveEnabled(settings(false, "Own")))
                .isFalse();
        assertThat(new AutoReplyPolicy(true, " ").effectiveEnabled(settings(true, null)))
                .isFalse();
    }
}
