package io.gomsggw.core.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageType;
import io.gomsggw.core.store.StoreException;
import io.gomsggw.core.testing.TempDirectories;
import io.gomsggw.core.testing.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * The store contracts on H2 as the gateway runs it embedded: media bytes in a {@link MediaPack}
 * beside the database, {@code message_media} holding where they are.
 */
class H2MediaPackStoresTest extends AbstractStoresTest {
    private Path packDirectory;
    private MediaPack pack;

    @Override
    protected DataSource openDatabase() {
        return TestDatabases.h2InMemory();
    }

    @Override
    protected MediaPack openMediaPack() {
        try {
            packDirectory = Files.createTempDirectory("gomsggw-media-pack");
            pack = MediaPack.open(packDirectory, true);
            return pack;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void closeDatabase() {
        try {
            pack.close();
            TempDirectories.delete(packDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theRowSaysWhereTheBytesAreAndHoldsNoneItself() {
        byte[] photo = photo(50_000, 7);
        stores().messages().insertAll(List.of(mms("00000000-0000-4000-8000-0000000a0001", photo)));

        Map<String, Object> row = Jdbi.create(dataSource())
                .withHandle(h -> h.createQuery("SELECT content, pack_file, pack_length FROM message_media")
                        .mapToMap()
                        .one());
        assertThat(row.get("content")).isNull();
        assertThat(row.get("pack_file")).isEqualTo(1);
        assertThat(row.get("pack_length")).isEqualTo(photo.length);
        assertThat(stores().messages()
                        .find("00000000-0000-4000-8000-0000000a0001")
                        .orElseThrow()
                        .media()
                        .get(0)
                        .content())
                .isEqualTo(photo);
    }

    @Test
    void damagedBytesAreAnErrorNotAnotherPhoto() throws IOException {
        byte[] photo = photo(2_000, 9);
        stores().messages().insertAll(List.of(mms("00000000-0000-4000-8000-0000000a0002", photo)));
        long offset = Jdbi.create(dataSource())
                .withHandle(h -> h.createQuery("SELECT pack_offset FROM message_media")
                        .mapTo(Long.class)
                        .one());
        try (FileChannel file =
                FileChannel.open(packDirectory.resolve(MediaPack.fileName(1)), StandardOpenOption.WRITE)) {
            file.write(ByteBuffer.wrap(new byte[] {(byte) ~photo[10]}), offset + 10);
        }

        assertThatThrownBy(() -> stores().messages().find("00000000-0000-4000-8000-0000000a0002"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("damaged");
    }

    private static Message mms(String id, byte[] photo) {
        return Message.builder()
                .id(id)
                .type(MessageType.MMS)
                .from("+12505550001")
                .to("+16045550001")
                .media(List.of(new MediaPart("photo.jpg", "image/jpeg", photo)))
                .createdAt(MessageStoreContract.T0)
                .build();
    }

    private static byte[] photo(int size, int seed) {
        byte[] bytes = new byte[size];
        new java.util.Random(seed).nextBytes(bytes);
        return bytes;
    }
}
