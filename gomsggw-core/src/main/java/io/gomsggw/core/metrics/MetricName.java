package io.gomsggw.core.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name of one labelled series, as the Dropwizard registry keeps it:
 * {@code family{label="value",…}}, e.g. {@code gomsggw_messages_in{protocol="http",outcome="accepted"}}.
 * Dropwizard Metrics 4 has no labels, so they travel in the name, and the Prometheus exposition
 * reads them back with {@link #parse}. Label values are lower-cased and reduced to
 * {@code [a-z0-9_.:-]} so the name can always be read back.
 *
 * @param family the metric family, Prometheus style ({@code [a-z_][a-z0-9_]*}); counters without {@code _total}
 * @param labels label names to values, in the order given
 */
public record MetricName(String family, Map<String, String> labels) {
    private static final Pattern FAMILY = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Pattern UNSAFE_VALUE = Pattern.compile("[^a-z0-9_.:-]");

    public MetricName {
        if (!FAMILY.matcher(family).matches()) {
            throw new IllegalArgumentException("not a metric family name: " + family);
        }
        for (String label : labels.keySet()) {
            if (!FAMILY.matcher(label).matches()) {
                throw new IllegalArgumentException("not a label name: " + label);
            }
        }
        labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /** A family with labels given as name, value, name, value…; values are cleaned. */
    public static MetricName of(String family, String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name, value pairs");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            labels.put(namesAndValues[i], clean(Objects.requireNonNull(namesAndValues[i + 1], namesAndValues[i])));
        }
        return new MetricName(family, labels);
    }

    /** Reads a registry name back; a name that is not of this form is one family without labels. */
    public static MetricName parse(String name) {
        int open = name.indexOf('{');
        if (open < 0 || !name.endsWith("}")) {
            return new MetricName(legacyFamily(name), Map.of());
        }
        Map<String, String> labels = new LinkedHashMap<>();
        String body = name.substring(open + 1, name.length() - 1);
        if (!body.isEmpty()) {
            for (String pair : body.split(",")) {
                int equals = pair.indexOf('=');
                labels.put(pair.substring(0, equals), pair.substring(equals + 2, pair.length() - 1));
            }
        }
        return new MetricName(name.substring(0, open), labels);
    }

    /** A dotted Dropwizard name ({@code gomsggw.transcode.count}) as a family name. */
    private static String legacyFamily(String name) {
        String family = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return family.isEmpty() || Character.isDigit(family.charAt(0)) ? "_" + family : family;
    }

    private static String clean(String value) {
        return UNSAFE_VALUE.matcher(value.toLowerCase(Locale.ROOT)).replaceAll("_");
    }

    /** Label names in order. */
    public List<String> labelNames() {
        return new ArrayList<>(labels.keySet());
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(family).append('{');
        boolean first = true;
        for (Map.Entry<String, String> label : labels.entrySet()) {
            text.append(first ? "" : ",")
                    .append(label.getKey())
                    .append("=\"")
                    .append(label.getValue())
                    .append('"');
            first = false;
        }
        return text.append('}').toString();
    }
}
