package io.gomsggw.http.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageType;
import io.gomsggw.core.store.MediaStore;
import io.gomsggw.core.store.StoredMedia;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What {@link HostedMedia} asks its store for: a reference for a part sent as stored, a copy otherwise. */
class HostedMediaTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);
    private final List<String> calls = new ArrayList<>();
    private final MediaStore store = new MediaStore() {
        @Override
        public String put(MediaPart media, Instant expiresAt) {
            calls.add("copy " + media.filename() + " until " + expiresAt);
            return "c" + calls.size();
        }

        @Override
        public String putReference(String messageId, int ordinal, MediaPart media, Instant expiresAt) {
            calls.add("reference " + messageId + "#" + ordinal + " " + media.filename());
            return "r" + calls.size();
        }

        @Override
        public Optional<StoredMedia> get(String token, Instant now) {
            return Optional.empty();
        }

        @Override
        public int purgeExpired(Instant now) {
            return 0;
        }
    };
    private final HostedMedia hosted = new HostedMedia(store, "https://gw.example.com/", clock);

    @Test
    void partsSentAsStoredAreReferencedAndChangedPartsCopied() {
        Message stored = mms(
                new MediaPart("photo.jpg", "image/jpeg", new byte[] {1, 2, 3}),
                new MediaPart("big.png", "image/png", new byte[] {4, 5, 6, 7}));
        Message fitted = stored.toBuilder()
                .media(List.of(
                        new MediaPart("photo.jpg", "image/jpeg", new byte[] {1, 2, 3}), // equal bytes, new array
                        new MediaPart("big.jpg", "image/jpeg", new byte[] {9})))
                .build();

        assertThat(hosted.publish(fitted, stored))
                .containsExactly("https://gw.example.com/media/r1", "https://gw.example.com/media/c2");
        assertThat(calls)
                .containsExactly(
                        "reference " + stored.id() + "#0 photo.jpg", "copy big.jpg until 2026-12-10T10:00:00Z");
    }

    @Test
    void publishingWithoutTheStoredMessageCopies() {
        Message stored = mms(new MediaPart("photo.jpg", "image/jpeg", new byte[] {1}));

        assertThat(hosted.publish(stored)).containsExactly("https://gw.example.com/media/c1");
        assertThat(calls).containsExactly("copy photo.jpg until 2026-12-10T10:00:00Z");
    }

    private Message mms(MediaPart... parts) {
        return Message.builder()
                .id("00000000-0000-4000-8000-0000000000aa")
                .type(MessageType.MMS)
                .from("+12505550001")
                .to("+16045550001")
                .media(List.of(parts))
                .createdAt(clock.instant())
                .build();
    }
}
