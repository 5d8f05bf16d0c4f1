package io.gomsggw.server.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The master switch of per-number auto-reply.
 *
 * @param enabled        {@code AUTO_REPLY_ENABLED}: no number auto-replies while this is false
 * @param defaultMessage {@code AUTO_REPLY_DEFAULT_MESSAGE}: body for numbers that set none
 */
public record AutoReplyConfig(boolean enabled, Optional<String> defaultMessage) {
    public AutoReplyConfig {
        Objects.requireNonNull(defaultMessage, "defaultMessage");
    }
}
