package io.gomsggw.core.routing;

import java.util.Locale;
import java.util.Set;

/** The opt-out and opt-in keywords: a message that is exactly one of them (any case, trimmed). */
public final class Keywords {
    private static final Set<String> STOP = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT");
    private static final Set<String> START = Set.of("START", "UNSTOP");

    private Keywords() {}

    public static boolean isStop(String text) {
        return text != null && STOP.contains(text.strip().toUpperCase(Locale.ROOT));
    }

    public static boolean isStart(String text) {
        return text != null && START.contains(text.strip().toUpperCase(Locale.ROOT));
    }
}
