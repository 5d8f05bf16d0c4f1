package io.gomsggw.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temporary directories of tests that cannot use JUnit's {@code @TempDir} (one per class, made in a hook). */
public final class TempDirectories {
    private TempDirectories() {}

    /** Deletes {@code directory} and everything in it; nothing when it does not exist. */
    public static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) return;
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
