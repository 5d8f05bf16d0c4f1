package io.gomsggw.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageType;
import io.gomsggw.core.spi.CarrierAdapter;
import io.gomsggw.core.spi.MediaTarget;
import io.gomsggw.core.spi.MediaTranscoder;
import io.gomsggw.core.spi.SendOutcome;
import io.gomsggw.core.spi.TranscodeException;
import io.gomsggw.core.spi.WebhookRequest;
import io.gomsggw.core.spi.WebhookResult;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CarrierMediaTest {
    private final AtomicReference<MediaTarget> targetSeen = new AtomicReference<>();
    private final MediaTranscoder halving = (parts, target) -> {
        targetSeen.set(target);
        return CompletableFuture.completedFuture(parts.stream()
                .map(p -> new MediaPart(p.filename(), "image/jpeg", new byte[p.size() / 2]))
                .toList());
    };
    private final MediaLinks links = message ->
            message.media().stream().map(p -> "https://gw/media/" + p.size()).toList();

    private static CarrierAdapter carrierWithLimit(long maxBytes) {
        return new CarrierAdapter() {
            @Override
            public String name() {
                return "c";
            }

            @Override
            public long maxMmsBytes() {
                return maxBytes;
            }

            @Override
            public CompletionStage<SendOutcome> send(Message message, List<String> mediaUrls) {
                throw new UnsupportedOperationException();
            }

            @Override
            public WebhookResult handleWebhook(WebhookRequest request) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static Message mms(int size) {
        return Message.builder()
                .id("m")
                .from("+12505550001")
                .to("+16045550002")
                .type(MessageType.MMS)
                .media(List.of(new MediaPart("big.png", "image/png", new byte[size])))
                .createdAt(Instant.now())
                .build();
    }

    @Test
    void mmsMediaIsFittedToTheCarriersOwnLimitThenPublishedAndTheSizesAreNoted() throws Exception {
        CarrierMedia media = new CarrierMedia(halving, 614_400, links, Runnable::run);
        CarrierMedia.Prepared prepared = media.prepare(mms(2_000_000), carrierWithLimit(1_000_000))
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
        assertThat(targetSeen.get().maxTotalBytes()).isEqualTo(1_000_000);
        assertThat(prepared.message().media())
                .singleElement()
                .satisfies(p -> assertThat(p.size()).isEqualTo(1_000_000));
        assertThat(prepared.links()).containsExactly("https://gw/media/1000000");
        assertThat(prepared.note()).isEqualTo("media transcoded from 2000000 to 1000000 bytes");
    }

    @Test
    void aCarrierWithoutALimitOfItsOwnGetsMmsMaxSize() throws Exception {
        new CarrierMedia(halving, 614_400, links, Runnable::run)
                .prepare(mms(100), carrierWithLimit(0))
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
        assertThat(targetSeen.get().maxTotalBytes()).isEqualTo(614_400);
    }

    @Test
    void smsIsUntouched() throws Exception {
        Message sms = Message.builder()
                .id("s")
                .from("+12505550001")
                .to("+16045550002")
                .text("hi")
                .createdAt(Instant.now())
                .build();
        CarrierMedia.Prepared prepared = new CarrierMedia(halving, 614_400, links, Runnable::run)
                .prepare(sms, carrierWithLimit(0))
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
        assertThat(prepared.message()).isSameAs(sms);
        assertThat(prepared.links()).isEmpty();
        assertThat(targetSeen.get()).isNull();
    }

    @Test
    void aRefusalOfTheTranscoderComesThrough() {
        MediaTranscoder refusing = (parts, target) -> CompletableFuture.failedFuture(
                new TranscodeException(TranscodeException.MEDIA_TOO_LARGE, "2000000 bytes do not fit 614400"));
        assertThatThrownBy(() -> new CarrierMedia(refusing, 614_400, links, Runnable::run)
                        .prepare(mms(2_000_000), carrierWithLimit(0))
                        .toCompletableFuture()
                        .get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(TranscodeException.class);
    }
}
