package io.gomsggw.server.config;

/**
 * A configuration value that stops the start. Its message is one line that names the variable
 * (or the place, such as {@code .env line 3}) and says what is wrong, e.g.
 * {@code LOG_FORMAT: expected json or text, got 'xml'}; the server prints it as it is and exits
 * with status 2.
 */
public final class ConfigException extends RuntimeException {
    private final String subject;

    /**
     * @param subject the variable or place at fault, e.g. {@code WEB_LISTEN}
     * @param problem what is wrong with it, without the subject
     */
    public ConfigException(String subject, String problem) {
        super(subject + ": " + problem);
        this.subject = subject;
    }

    /** The variable or place at fault, e.g. {@code WEB_LISTEN}. */
    public String subject() {
        return subject;
    }
}
