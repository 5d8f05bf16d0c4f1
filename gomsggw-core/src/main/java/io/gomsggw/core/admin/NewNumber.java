package io.gomsggw.core.admin;

/**
 * A number to add to a client, as the API caller wrote it; {@link NumberAdmin#add} checks it.
 *
 * @param number               in any common notation; stored in E.164
 * @param carrier              name of an existing carrier; required
 * @param tag                  free-form label; may be null
 * @param group                free-form group; may be null
 * @param webhook              http(s) URL for messages to this number; may be null
 * @param ignoreStopCmdSending let the client handle STOP itself; null means false
 */
public record NewNumber(
        String number, String carrier, String tag, String group, String webhook, Boolean ignoreStopCmdSending) {}
