package io.gomsggw.core.batch;

import java.util.Map;

/**
 * One message of a batch request, as written.
 *
 * @param to        the recipient in any common notation
 * @param text      its own text; null or blank to use the batch's template
 * @param variables values for the template's placeholders
 */
public record BatchRow(String to, String text, Map<String, String> variables) {
    public BatchRow {
        to = to == null ? "" : to;
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }
}
