package io.gomsggw.core.batch;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message template with {@code {{variable}}} placeholders (blanks inside the braces allowed). A
 * variable is found by its exact name, else ignoring case (a CSV column {@code Name} fills
 * {@code {{name}}}). A placeholder with no value is an error rather than text sent as is, so a
 * typo never reaches ten thousand phones. Pure functions.
 */
public final class Template {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");

    /** The result of filling a template. */
    public sealed interface Filled {
        record Text(String text) implements Filled {}

        record MissingVariable(String name) implements Filled {}
    }

    private Template() {}

    public static Filled fill(String template, Map<String, String> variables) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder text = new StringBuilder(template.length() + 32);
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = lookup(name, variables);
            if (value == null) {
                return new Filled.MissingVariable(name);
            }
            matcher.appendReplacement(text, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(text);
        return new Filled.Text(text.toString());
    }

    private static String lookup(String name, Map<String, String> variables) {
        String exact = variables.get(name);
        if (exact != null) {
            return exact;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> entry : variables.entrySet()) {
            if (entry.getKey().toLowerCase(Locale.ROOT).equals(lower)) {
                return entry.getValue();
            }
        }
        return null;
    }
}
