package io.gomsggw.server.bench;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The options of {@code bench batch}, read from the command line.
 *
 * @param url       the gateway's base URL
 * @param apiKey    the admin key, needed by {@code --setup}
 * @param rows      rows per batch (at most 10,000)
 * @param batches   batches sent one after the other
 * @param throttle  {@code throttle_per_second} of each batch; 0 for none
 * @param target    whom to send as (the destinations are generated); empty with {@code --setup}
 */
record BatchBenchOptions(
        URI url, Optional<String> apiKey, int rows, int batches, int throttle, Optional<SendTarget> target) {
    static final int DEFAULT_ROWS = 10_000;
    static final int DEFAULT_BATCHES = 3;

    private static final Set<String> VALUED =
            Set.of("--url", "--api-key", "--rows", "--batches", "--throttle", "--username", "--password", "--from");
    private static final List<String> TARGET = List.of("--username", "--password", "--from");

    BatchBenchOptions {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(target, "target");
    }

    /** @throws BenchUsageException naming the option that is unknown, missing, repeated or malformed */
    static BatchBenchOptions parse(List<String> args) {
        OptionValues values = OptionValues.read(args, VALUED, Set.of("--setup"));
        return new BatchBenchOptions(
                values.url(BenchOptions.DEFAULT_URL),
                Optional.ofNullable(values.get("--api-key")),
                (int) values.number("--rows", DEFAULT_ROWS, 1, 10_000),
                (int) values.number("--batches", DEFAULT_BATCHES, 1, 1_000),
                (int) values.number("--throttle", 0, 0, 10_000),
                target(values));
    }

    private static Optional<SendTarget> target(OptionValues values) {
        if (values.flag("--setup")) {
            if (!values.has("--api-key")) {
                throw new BenchUsageException("--setup needs --api-key (the gateway's admin key)");
            }
            for (String name : TARGET) {
                if (values.has(name)) {
                    throw new BenchUsageException(name + " is chosen by --setup; give one or the other");
                }
            }
            return Optional.empty();
        }
        for (String name : TARGET) {
            if (!values.has(name)) {
                throw new BenchUsageException(name + " is needed without --setup");
            }
        }
        return Optional.of(new SendTarget(
                values.get("--username"), values.get("--password"), values.get("--from"), values.get("--from")));
    }
}
