package io.gomsggw.core.model;

import java.util.Objects;

/**
 * Per-number settings (docs/admin-api.md, "Number settings").
 *
 * @param limits                usage limits; 0 inherits the client's limit
 * @param limitBoth             count inbound too; null inherits the client's setting
 * @param autoReplyEnabled      auto-reply for this number (also needs the {@code AUTO_REPLY_ENABLED} master switch)
 * @param autoReplyMessage      the reply text; null uses {@code AUTO_REPLY_DEFAULT_MESSAGE}
 * @param autoReplyCooldownSecs minimum seconds between two auto-replies to the same (from, to)
 */
public record NumberSettings(
        UsageLimits limits,
        Boolean limitBoth,
        boolean autoReplyEnabled,
        String autoReplyMessage,
        int autoReplyCooldownSecs) {

    public static final int DEFAULT_AUTO_REPLY_COOLDOWN_SECS = 60;

    public static final NumberSettings DEFAULTS =
            new NumberSettings(UsageLimits.NONE, null, false, null, DEFAULT_AUTO_REPLY_COOLDOWN_SECS);

    public NumberSettings {
        Objects.requireNonNull(limits, "limits");
        if (autoReplyCooldownSecs < 0) throw new IllegalArgumentException("autoReplyCooldownSecs must not be negative");
    }
}
