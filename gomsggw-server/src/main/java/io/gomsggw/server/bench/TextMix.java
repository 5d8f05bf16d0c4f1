package io.gomsggw.server.bench;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Which {@link MessageKind} each message of a {@code bench smpp} run is, from {@code --mix} weights
 * such as {@code short=70,ucs2=20,long=10}. The kinds are interleaved evenly and deterministically
 * (smooth weighted round robin): message {@code i} is {@link #kindAt kindAt(i)}, and every run of
 * consecutive messages as long as the cycle has exactly the weights' proportions. Immutable.
 */
// ordinals index arrays sized by MessageKind.values() within one run
@SuppressWarnings("EnumOrdinal")
final class TextMix {
    static final String DEFAULT_TEXT = "short=70,ucs2=20,long=10";
    static final int MAX_WEIGHT = 1000;
    static final TextMix DEFAULT = parse(DEFAULT_TEXT);

    private final Map<MessageKind, Integer> weights;
    private final MessageKind[] cycle;

    private TextMix(Map<MessageKind, Integer> weights) {
        this.weights = weights;
        this.cycle = cycle(weights);
    }

    /**
     * Reads {@code name=weight} pairs separated by commas; kinds not named get weight 0.
     *
     * @throws BenchUsageException for an unknown or repeated kind, a bad weight, or only zeros
     */
    static TextMix parse(String text) {
        Map<MessageKind, Integer> weights = new EnumMap<>(MessageKind.class);
        for (MessageKind kind : MessageKind.values()) {
            weights.put(kind, 0);
        }
        boolean[] seen = new boolean[MessageKind.values().length];
        for (String pair : text.split(",", -1)) {
            int equals = pair.indexOf('=');
            MessageKind kind = equals < 0
                    ? null
                    : MessageKind.byOption(pair.substring(0, equals).strip());
            if (kind == null) {
                throw new BenchUsageException(
                        "--mix: expected kind=weight with kinds short, ucs2 and long, got '" + pair.strip() + "'");
            }
            if (seen[kind.ordinal()]) {
                throw new BenchUsageException("--mix: " + kind.option() + " is given twice");
            }
            seen[kind.ordinal()] = true;
            weights.put(kind, weight(kind, pair.substring(equals + 1).strip()));
        }
        if (weights.values().stream().allMatch(w -> w == 0)) {
            throw new BenchUsageException("--mix: at least one weight must be above 0");
        }
        return new TextMix(weights);
    }

    private static int weight(MessageKind kind, String text) {
        try {
            int weight = Integer.parseInt(text);
            if (weight >= 0 && weight <= MAX_WEIGHT) {
                return weight;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BenchUsageException("--mix: the weight of " + kind.option() + " must be a whole number from 0 to "
                + MAX_WEIGHT + ", got '" + text + "'");
    }

    /** The kind of message number {@code index} (0 or more). */
    MessageKind kindAt(long index) {
        return cycle[(int) Math.floorMod(index, (long) cycle.length)];
    }

    /** How many consecutive messages hold the mix exactly: the weights divided by their greatest common divisor. */
    int cycleLength() {
        return cycle.length;
    }

    int weight(MessageKind kind) {
        return weights.get(kind);
    }

    /** The average {@code submit_sm} count of one message. */
    double partsPerMessage() {
        long parts = 0;
        for (MessageKind kind : cycle) {
            parts += kind.parts();
        }
        return (double) parts / cycle.length;
    }

    /** E.g. {@code 70% short GSM-7, 20% UCS-2 with emoji, 10% long GSM-7, 3 parts}; kinds of weight 0 left out. */
    String describe() {
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        StringJoiner text = new StringJoiner(", ");
        weights.forEach((kind, weight) -> {
            if (weight > 0) {
                text.add(String.format(Locale.ROOT, "%s%% %s", percent(weight * 100.0 / total), kind.description()));
            }
        });
        return text.toString();
    }

    private static String percent(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static MessageKind[] cycle(Map<MessageKind, Integer> weights) {
        int gcd = 0;
        for (int weight : weights.values()) {
            gcd = gcd(gcd, weight);
        }
        int length = 0;
        int[] reduced = new int[MessageKind.values().length];
        for (MessageKind kind : MessageKind.values()) {
            reduced[kind.ordinal()] = weights.get(kind) / gcd;
            length += reduced[kind.ordinal()];
        }
        MessageKind[] cycle = new MessageKind[length];
        int[] current = new int[reduced.length];
        for (int i = 0; i < length; i++) {
            int best = -1;
            for (int k = 0; k < reduced.length; k++) {
                current[k] += reduced[k];
                if (reduced[k] > 0 && (best < 0 || current[k] > current[best])) {
                    best = k;
                }
            }
            current[best] -= length;
            cycle[i] = MessageKind.values()[best];
        }
        return cycle;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TextMix that && weights.equals(that.weights);
    }

    @Override
    public int hashCode() {
        return weights.hashCode();
    }

    @Override
    public String toString() {
        return "TextMix" + weights;
    }
}
