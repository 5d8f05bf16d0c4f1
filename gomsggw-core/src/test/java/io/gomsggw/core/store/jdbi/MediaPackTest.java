package io.gomsggw.core.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gomsggw.core.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaPackTest {
    @TempDir
    Path directory;

    @Test
    void readsBackWhatItAppendedAcrossFilesAndAfterReopening() throws IOException {
        List<byte[]> parts = new ArrayList<>();
        List<MediaPack.Location> locations = new ArrayList<>();
        try (MediaPack pack = MediaPack.open(directory, true, 10_000)) {
            for (int i = 0; i < 7; i++) {
                byte[] part = bytes(3_000 + i, i);
                parts.add(part);
                locations.add(pack.append(part));
            }
            pack.force();
            assertThat(pack.read(locations.get(0))).isEqualTo(parts.get(0));
        }
        // 10,000 bytes per file: three parts of about 3 KB fit in one, so seven take three files.
        assertThat(locations).extracting(MediaPack.Location::file).containsExactly(1, 1, 1, 2, 2, 2, 3);
        assertThat(Files.size(directory.resolve(MediaPack.fileName(3)))).isEqualTo(3_006);

        try (MediaPack reopened = MediaPack.open(directory, true, 10_000)) {
            for (int i = 0; i < parts.size(); i++) {
                assertThat(reopened.read(locations.get(i))).isEqualTo(parts.get(i));
            }
            MediaPack.Location next = reopened.append(bytes(100, 99));
            assertThat(next.file()).isEqualTo(3);
            assertThat(next.offset()).isEqualTo(3_006);
            assertThat(reopened.read(next)).isEqualTo(bytes(100, 99));
        }
    }

    @Test
    void aPartLargerThanAFileGetsAFileOfItsOwn() throws IOException {
        try (MediaPack pack = MediaPack.open(directory, false, 1_000)) {
            MediaPack.Location small = pack.append(bytes(10, 1));
            MediaPack.Location large = pack.append(bytes(5_000, 2));
            MediaPack.Location after = pack.append(bytes(10, 3));

            assertThat(List.of(small.file(), large.file(), after.file())).containsExactly(1, 2, 3);
            assertThat(pack.read(large)).isEqualTo(bytes(5_000, 2));
        }
    }

    @Test
    void aMissingFileOrAShortOneIsAnErrorThatSaysWhere() throws IOException {
        try (MediaPack pack = MediaPack.open(directory, true)) {
            MediaPack.Location written = pack.append(bytes(100, 1));

            assertThatThrownBy(() -> pack.read(new MediaPack.Location(2, 0, 100, written.crc())))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("media-000002.pack is missing");
            assertThatThrownBy(() -> pack.read(new MediaPack.Location(1, 50, 100, written.crc())))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("past the file's end");
        }
    }

    @Test
    void otherFilesInTheDirectoryAreLeftAlone() throws IOException {
        Files.writeString(directory.resolve("media-notes.pack"), "not ours");
        Files.writeString(directory.resolve("README"), "not ours either");
        try (MediaPack pack = MediaPack.open(directory, true)) {
            assertThat(pack.append(bytes(10, 1)).file()).isEqualTo(1);
        }
        assertThat(Files.readString(directory.resolve("media-notes.pack"))).isEqualTo("not ours");
    }

    @Test
    void aClosedPackRefusesAppends() throws IOException {
        MediaPack pack = MediaPack.open(directory, true);
        pack.close();

        assertThatThrownBy(() -> pack.append(bytes(10, 1)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("closed");
    }

    private static byte[] bytes(int size, int seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
