package io.gomsggw.carriers.loopback;

import java.time.Duration;
import java.util.Locale;

/**
 * Settings of a loopback carrier, read from its {@code profile_id} as {@code key=value} pairs
 * separated by {@code ;} or {@code &}: {@code delay_ms} (default 0) before the delivery report,
 * {@code fail_percent} (0–100, default 0) of messages reported failed.
 */
record LoopbackOptions(Duration delay, int failPercent) {
    static LoopbackOptions parse(String text) {
        long delayMs = 0;
        int failPercent = 0;
        if (text != null && !text.isBlank()) {
            for (String pair : text.split("[;&]")) {
                if (pair.isBlank()) continue;
                int eq = pair.indexOf('=');
                if (eq < 0) throw new IllegalArgumentException("profile_id: expected key=value, got '" + pair + "'");
                String key = pair.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                String value = pair.substring(eq + 1).strip();
                try {
                    switch (key) {
                        case "delay_ms" -> delayMs = Long.parseLong(value);
                        case "fail_percent" -> failPercent = Integer.parseInt(value);
                        default ->
                            throw new IllegalArgumentException("profile_id: unknown loopback option '" + key
                                    + "' (known: delay_ms, fail_percent)");
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "profile_id: " + key + " must be a whole number, got '" + value + "'");
                }
            }
        }
        if (delayMs < 0) throw new IllegalArgumentException("profile_id: delay_ms must not be negative");
        if (failPercent < 0 || failPercent > 100) {
            throw new IllegalArgumentException("profile_id: fail_percent must be between 0 and 100");
        }
        return new LoopbackOptions(Duration.ofMillis(delayMs), failPercent);
    }
}
