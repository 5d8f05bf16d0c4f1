package io.gomsggw.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of this build, as the Maven project version written into {@code version.properties}. */
final class Version {
    private static final String RESOURCE = "version.properties";

    private Version() {}

    /** E.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} when the resource is missing. */
    static String current() {
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
