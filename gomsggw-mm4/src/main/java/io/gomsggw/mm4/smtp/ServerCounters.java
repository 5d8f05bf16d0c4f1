package io.gomsggw.mm4.smtp;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** The counters behind {@link SmtpStats} and {@link SmtpServer#sessionsByClient()}. Thread-safe. */
final class ServerCounters {
    final AtomicInteger open = new AtomicInteger();
    final LongAdder accepted = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder overLimit = new LongAdder();
    final LongAdder messagesReceived = new LongAdder();
    final LongAdder messagesAccepted = new LongAdder();
    final LongAdder messagesRejected = new LongAdder();
    final LongAdder messagesTooLarge = new LongAdder();
    final LongAdder bytesReceived = new LongAdder();
    final LongAdder commandErrors = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    private final Map<String, Integer> byClient = new ConcurrentHashMap<>();

    void clientOpened(String key) {
        byClient.merge(key, 1, Integer::sum);
    }

    void clientClosed(String key) {
        byClient.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
    }

    Map<String, Integer> byClient() {
        return Map.copyOf(new TreeMap<>(byClient));
    }

    SmtpStats snapshot() {
        return new SmtpStats(
                open.get(),
                accepted.sum(),
                refused.sum(),
                overLimit.sum(),
                messagesReceived.sum(),
                messagesAccepted.sum(),
                messagesRejected.sum(),
                messagesTooLarge.sum(),
                bytesReceived.sum(),
                commandErrors.sum(),
                timeouts.sum());
    }
}
