package io.gomsggw.core.admin;

import io.gomsggw.core.model.NumberSettings;

/**
 * A partial update of a number's settings; null fields stay as they are, an empty
 * {@code autoReplyMessage} clears it (the configured default message then applies).
 *
 * @param limits                the six usage limits (0 = inherit from the client)
 * @param limitBoth             count inbound messages too
 * @param autoReplyEnabled      auto-reply for this number
 * @param autoReplyMessage      the reply text
 * @param autoReplyCooldownSecs not negative
 */
public record NumberSettingsPatch(
        LimitsPatch limits,
        Boolean limitBoth,
        Boolean autoReplyEnabled,
        String autoReplyMessage,
        Integer autoReplyCooldownSecs) {

    public NumberSettingsPatch {
        limits = limits == null ? LimitsPatch.NONE : limits;
    }

    /** Only the auto-reply part, as {@code PUT /numbers/{id}/auto-reply} takes it. */
    public static NumberSettingsPatch autoReply(Boolean enabled, String message, Integer cooldownSecs) {
        return new NumberSettingsPatch(LimitsPatch.NONE, null, enabled, message, cooldownSecs);
    }

    NumberSettings applyTo(NumberSettings current) {
        return new NumberSettings(
                limits.applyTo(current.limits()),
                limitBoth == null ? current.limitBoth() : limitBoth,
                autoReplyEnabled == null ? current.autoReplyEnabled() : autoReplyEnabled,
                autoReplyMessage == null ? current.autoReplyMessage() : Checks.optionalText(autoReplyMessage),
                autoReplyCooldownSecs == null
                        ? current.autoReplyCooldownSecs()
                        : Checks.nonNegative("auto_reply_cooldown_secs", autoReplyCooldownSecs));
    }
}
