package io.gomsggw.core.routing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.gomsggw.core.model.ClientNumber;
import io.gomsggw.core.model.NumberSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Per-number auto-reply: when the master switch ({@code AUTO_REPLY_ENABLED}) and the number's
 * {@code auto_reply_enabled} are on, an inbound message is answered with the number's message (or
 * {@code AUTO_REPLY_DEFAULT_MESSAGE}) and is not delivered to the client. At most one reply per
 * (from, to) within the number's cooldown. A number with {@code ignore_stop_cmd_sending} (its client
 * handles STOP itself) never auto-replies, as in the Go gateway. Cooldowns live in memory: a
 * restart forgets them.
 */
public final class AutoReplier {
    private record Pair(String number, String party) {}

    private final AutoReplyPolicy policy;
    private final Clock clock;
    private final Cache<Pair, Instant> lastReply = Caffeine.newBuilder()
            .maximumSize(500_000)
            .expireAfterWrite(Duration.ofDays(1))
            .build();

    public AutoReplier(AutoReplyPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * The reply text for a message from {@code party} to {@code number}, or empty when the number
     * does not auto-reply or the cooldown for this pair has not passed. Claims the cooldown.
     */
    public Optional<String> replyFor(ClientNumber number, String party) {
        NumberSettings settings = number.settings();
        if (number.ignoreStopCmdSending() || !policy.effectiveEnabled(settings)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Duration cooldown = Duration.ofSeconds(settings.autoReplyCooldownSecs());
        boolean[] claimed = {false};
        lastReply.asMap().compute(new Pair(number.number(), party), (pair, previous) -> {
            if (previous == null || !now.isBefore(previous.plus(cooldown))) {
                claimed[0] = true;
                return now;
            }
            return previous;
        });
        return claimed[0] ? Optional.of(policy.effectiveMessage(settings)) : Optional.empty();
    }
}
