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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    default void referencesPublishedFromManyThreadsAtOnceAreEachStoredUnderTheirOwnToken() throws Exception {
        MediaStore media = stores().media();
        Instant now = clock().instant();
        int threads = 8;
        int perThread = 25;
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < threads * perThread; i++) {
            messages.add(Message.builder()
                    .id(String.format("00000000-0000-4000-8000-%012d", 0xe000 + i))
                    .type(MessageType.MMS)
                    .direction(Direction.INBOUND)
                    .from("+12505550001")
                    .to("+16045550001")
                    .media(List.of(new MediaPart("p" + i + ".jpg", "image/jpeg", new byte[] {(byte) i, 1, 2})))
                    .createdAt(now)
                    .build());
        }
        stores().messages().insertAll(messages);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> published = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                List<Message> mine = messages.subList(t * perThread, (t + 1) * perThread);
                published.add(pool.submit(() -> {
                    start.await();
                    List<String> tokens = new ArrayList<>();
                    for (Message m : mine) {
                        tokens.add(media.putReference(m.id(), 0, m.media().get(0), now.plusSeconds(600)));
                    }
                    return tokens;
                }));
            }
            start.countDown();
            Set<String> seen = new HashSet<>();
            for (int t = 0; t < threads; t++) {
                List<String> tokens = published.get(t).get();
                for (int i = 0; i < perThread; i++) {
                    Message m = messages.get(t * perThread + i);
                    assertThat(seen.add(tokens.get(i))).isTrue();
                    assertThat(media.get(tokens.get(i), now).orElseThrow().media())
                            .isEqualTo(m.media().get(0));
                }
            }
        } finally {
            pool.shutdownNow();
        }
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
