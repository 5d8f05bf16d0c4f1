package io.gomsggw.core.limits;

import java.util.Locale;

/** Whose counter a limit applies to: the whole client, or one of its numbers. */
public enum LimitScope {
    CLIENT,
    NUMBER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
