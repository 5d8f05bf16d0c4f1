package io.gomsggw.mm4.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads test resources under {@code /mm4/}. */
final class Resources {
    private Resources() {}

    static byte[] bytes(String name) {
        try (InputStream in = Resources.class.getResourceAsStream("/mm4/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource /mm4/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
