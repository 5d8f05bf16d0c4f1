package io.gomsggw.mm4.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * {@link Spool}: whatever the pieces a body arrives in, the size the client declared and the memory
 * threshold, the body reads back byte for byte, from memory or from its file.
 */
class SpoolTest {

    @Property(tries = 300)
    void readsBackWhatWasWritten(
            @ForAll @Size(max = 12) List<@IntRange(max = 40_000) Integer> pieces,
            @ForAll @IntRange(max = 200_000) int memoryLimit,
            @ForAll @IntRange(max = 300_000) int declaredSize,
            @ForAll long seed)
            throws IOException {
        byte[] body = new byte[pieces.stream().mapToInt(Integer::intValue).sum()];
        new Random(seed).nextBytes(body);
        Path directory = Files.createTempDirectory("spool-test");
        try {
            Spool spool = new Spool(memoryLimit, directory, declaredSize);
            int at = 0;
            for (int piece : pieces) {
                // With bytes before and after the readable ones, which the spool must not take.
                spool.write(Unpooled.wrappedBuffer(padded(body, at, piece), 3, piece));
                at += piece;
            }
            SpooledMessage message = spool.finish();

            assertThat(message.size()).isEqualTo(body.length);
            assertThat(message.onDisk()).isEqualTo(body.length > memoryLimit);
            assertThat(message.bytes()).isEqualTo(body);
            try (InputStream in = message.openStream()) {
                assertThat(in.readAllBytes()).isEqualTo(body);
            }
            assertThat(files(directory)).hasSize(message.onDisk() ? 1 : 0);

            spool.delete();

            assertThat(files(directory)).isEmpty();
            assertThatThrownBy(message::bytes).isInstanceOf(IOException.class);
            assertThatThrownBy(message::openStream).isInstanceOf(IOException.class);
        } finally {
            try (Stream<Path> left = Files.list(directory)) {
                left.forEach(SpoolTest::deleteQuietly);
            }
            Files.delete(directory);
        }
    }

    @Test
    void aBodyInMemoryIsHandedOutAsItsOneArray() throws IOException {
        byte[] body = new byte[70_000];
        new Random(1).nextBytes(body);
        for (long declared : new long[] {0, body.length, body.length - 1000, body.length + 1000}) {
            Spool spool = new Spool(256 * 1024, Path.of("/nonexistent"), declared);
            for (int at = 0; at < body.length; at += 7_000) {
                spool.write(Unpooled.wrappedBuffer(body, at, 7_000));
            }
            SpooledMessage message = spool.finish();

            byte[] bytes = message.bytes();
            assertThat(bytes).as("declared %d", declared).isEqualTo(body);
            assertThat(message.bytes()).as("the same array each time").isSameAs(bytes);
        }
    }

    private static byte[] padded(byte[] body, int from, int length) {
        byte[] padded = new byte[length + 6];
        padded[0] = padded[1] = padded[2] = '<';
        System.arraycopy(body, from, padded, 3, length);
        padded[length + 3] = padded[length + 4] = padded[length + 5] = '>';
        return padded;
    }

    private static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
