package io.gomsggw.core.routing;

import io.gomsggw.core.model.NumberSettings;

/**
 * The gateway-wide auto-reply configuration ({@code AUTO_REPLY_ENABLED},
 * {@code AUTO_REPLY_DEFAULT_MESSAGE}) and how it combines with a number's own settings.
 *
 * @param masterEnabled  the master switch; off means no number auto-replies
 * @param defaultMessage the reply text for numbers without their own; may be null
 */
public record AutoReplyPolicy(boolean masterEnabled, String defaultMessage) {
    public AutoReplyPolicy {
        defaultMessage = textOrNull(defaultMessage);
    }

    private static String textOrNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** The number's own message, else the default; null when neither is set. */
    public String effectiveMessage(NumberSettings settings) {
        String own = textOrNull(settings.autoReplyMessage());
        return own != null ? own : defaultMessage;
    }

    /** Whether the number auto-replies: master switch on, enabled on the number, and a message to send. */
    public boolean effectiveEnabled(NumberSettings settings) {
        return masterEnabled && settings.autoReplyEnabled() && effectiveMessage(settings) != null;
    }
}
