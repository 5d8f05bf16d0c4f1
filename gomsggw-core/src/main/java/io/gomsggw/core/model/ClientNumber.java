package io.gomsggw.core.model;

import java.util.Objects;

/**
 * A phone number owned by a client. A number belongs to one client at most.
 *
 * @param id                   database id; 0 for a number not stored yet
 * @param clientId             owning client
 * @param number               the number in E.164 ({@code +12505551234})
 * @param carrier              name of the carrier outbound messages from this number leave by
 * @param tag                  free-form label; may be null
 * @param group                free-form group; may be null
 * @param webhook              webhook URL for messages to this number; null uses the client's default
 * @param ignoreStopCmdSending let the client handle STOP itself: opted-out recipients are not refused
 * @param settings             per-number limits and auto-reply
 */
public record ClientNumber(
        long id,
        long clientId,
        String number,
        String carrier,
        String tag,
        String group,
        String webhook,
        boolean ignoreStopCmdSending,
        NumberSettings settings) {

    public ClientNumber {
        Objects.requireNonNull(number, "number");
        settings = settings == null ? NumberSettings.DEFAULTS : settings;
    }

    public ClientNumber withId(long newId) {
        return new ClientNumber(newId, clientId, number, carrier, tag, group, webhook, ignoreStopCmdSending, settings);
    }

    public ClientNumber withSettings(NumberSettings newSettings) {
        return new ClientNumber(id, clientId, number, carrier, tag, group, webhook, ignoreStopCmdSending, newSettings);
    }
}
