package io.gomsggw.core.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.model.Direction;
import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageType;
import io.gomsggw.core.store.MediaStore;
import io.gomsggw.core.store.StoredMedia;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@link MediaStore} contract. */
interface MediaStoreContract extends StoreFixture {

    @Test
    default void storesMediaUnderAnUnguessableToken() {
        MediaStore media = stores().media();
        Instant now = clock().instant();
        Instant expires = now.plus(Duration.ofDays(7));
        MediaPart photo = new MediaPart("cat.jpg", "image/jpeg", new byte[] {(byte) 0xff, (byte) 0xd8, 0, 1});

        String token = media.put(photo, expires);
        String another = media.put(photo, expires);

        assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(another);
        StoredMedia stored = media.get(token, now).orElseThrow();
        assertThat(stored.token()).isEqualTo(token);
        assertThat(stored.media()).isEqualTo(photo);
        assertThat(stored.createdAt()).isEqualTo(now);
        assertThat(stored.expiresAt()).isEqualTo(expires);
        assertThat(media.get("no-such-token", now)).isEmpty();
    }

    @Test
    default void mediaPublishedByReferenceIsReadFromItsMessage() {
        MediaStore media = stores().media();
        Instant now = clock().instant();
        Instant expires = now.plus(Duration.ofDays(7));
        byte[] photo = {(byte) 0xff, (byte) 0xd8, 7, 8, 9};
        Message mms = Message.builder()
                .id("00000000-0000-4000-8000-00000000f070")
                .type(MessageType.MMS)
                .direction(Direction.INBOUND)
                .from("+12505550001")
                .to("+16045550001")
                .media(List.of(
                        new MediaPart("a.txt", "text/plain", new byte[] {'a'}),
                        new MediaPart("photo.jpg", "image/jpeg", photo)))
                .createdAt(now)
                .build();
        stores().messages().insertAll(List.of(mms));

        String token =
                media.putReference(mms.id(), 1, new MediaPart("renamed.jpg", "image/jpeg", photo), now.plusSeconds(60));
        String unknownMessage = media.putReference(
                "00000000-0000-4000-8000-00000000dead", 0, new MediaPart("x", "image/png", new byte[] {1}), expires);
        String unknownPart = media.putReference(mms.id(), 2, new MediaPart("x", "image/png", new byte[] {1}), expires);

        StoredMedia stored = media.get(token, now).orElseThrow();
        assertThat(stored.media()).isEqualTo(new MediaPart("renamed.jpg", "image/jpeg", photo));
        assertThat(stored.expiresAt()).isEqualTo(now.plusSeconds(60));
        assertThat(media.get(unknownMessage, now)).isEmpty();
        assertThat(media.get(unknownPart, now)).isEmpty();
        assertThat(media.get(token, now.plusSeconds(60))).as("expired").isEmpty();
        assertThat(media.purgeExpired(now.plusSeconds(61))).isEqualTo(1);
        assertThat(stores().messages().find(mms.id()).orElseThrow().media())
                .as("the message keeps its media")
                .hasSize(2);
    }

    @Test
    default void expiredMediaIsGoneAndPurged() {
        MediaStore media = stores().media();
        Instant now = clock().instant();
        MediaPart part = new MediaPart("a.png", "image/png", new byte[] {1});
        String shortLived = media.put(part, now.plusSeconds(60));
        String longLived = media.put(part, now.plus(Duration.ofDays(7)));

        assertThat(media.get(shortLived, now.plusSeconds(59))).isPresent();
        assertThat(media.get(shortLived, now.plusSeconds(60))).isEmpty();
        assertThat(media.purgeExpired(now.plusSeconds(30))).isZero();
        assertThat(media.purgeExpired(now.plusSeconds(61))).isEqualTo(1);
        assertThat(media.get(shortLived, now)).isEmpty();
        assertThat(media.get(longLived, now.plusSeconds(61))).isPresent();
    }
}
