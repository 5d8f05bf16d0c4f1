package io.gomsggw.core.admin;

/**
 * A partial update of a number; null fields stay as they are, an empty string clears an optional
 * text field ({@code tag}, {@code group}, {@code webhook}).
 *
 * @param number               a new number in any common notation
 * @param carrier              name of an existing carrier
 * @param tag                  free-form label
 * @param group                free-form group
 * @param webhook              http(s) URL for messages to this number
 * @param ignoreStopCmdSending let the client handle STOP itself
 */
public record NumberPatch(
        String number, String carrier, String tag, String group, String webhook, Boolean ignoreStopCmdSending) {}
