package io.gomsggw.core.dispatch;

import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageType;
import io.gomsggw.core.spi.CarrierAdapter;
import io.gomsggw.core.spi.MediaTarget;
import io.gomsggw.core.spi.MediaTranscoder;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Gets an MMS ready for where it goes: for a carrier, its media transcoded to fit the carrier's
 * limit (its own {@link CarrierAdapter#maxMmsBytes()}, else {@code MMS_MAX_SIZE}), then published
 * where the carrier can fetch it; for a client egress that declares a limit, transcoded to fit it.
 * An SMS passes untouched.
 */
public final class CarrierMedia {
    /** The message as it will be sent, the links to its media, and a note of what was changed (or null). */
    public record Prepared(Message message, List<String> links, String note) {}

    private final MediaTranscoder transcoder;
    private final long defaultMaxBytes;
    private final MediaLinks links;
    private final Executor blocking;

    /**
     * @param transcoder      makes media fit; {@code null} sends media as it is
     * @param defaultMaxBytes {@code MMS_MAX_SIZE}
     * @param links           publishes media for carriers
     * @param blocking        runs the publication (a database write)
     */
    public CarrierMedia(MediaTranscoder transcoder, long defaultMaxBytes, MediaLinks links, Executor blocking) {
        this.transcoder = transcoder;
        this.defaultMaxBytes = defaultMaxBytes;
        this.links = links;
        this.blocking = blocking;
    }

    /** Fails with the transcoder's {@link io.gomsggw.core.spi.TranscodeException} when the media cannot be made to fit. */
    public CompletionStage<Prepared> prepare(Message message, CarrierAdapter carrier) {
        if (message.type() != MessageType.MMS || message.media().isEmpty()) {
            return CompletableFuture.completedFuture(new Prepared(message, List.of(), null));
        }
        return fit(message, carrier.maxMmsBytes() > 0 ? carrier.maxMmsBytes() : defaultMaxBytes)
                .thenApplyAsync(
                        fitted ->
                                new Prepared(fitted.message(), links.publish(fitted.message(), message), fitted.note()),
                        blocking);
    }

    /** The message with its media made to fit {@code maxBytes}, and a note of what changed (or null). */
    public record Fitted(Message message, String note) {}

    /**
     * The message with its media made to fit {@code maxBytes} in all (a client egress's limit, see
     * {@link io.gomsggw.core.spi.ClientEgress#maxMmsBytes}); an SMS passes untouched. Fails with the
     * transcoder's {@link io.gomsggw.core.spi.TranscodeException} when the media cannot be made to fit.
     */
    public CompletionStage<Fitted> fit(Message message, long maxBytes) {
        if (message.type() != MessageType.MMS || message.media().isEmpty() || transcoder == null) {
            return CompletableFuture.completedFuture(new Fitted(message, null));
        }
        return transcoder
                .transcode(message.media(), new MediaTarget(maxBytes, Set.of()))
                .thenApply(parts -> {
                    long before = total(message.media());
                    long after = total(parts);
                    String note =
                            before == after ? null : "media transcoded from " + before + " to " + after + " bytes";
                    return new Fitted(message.toBuilder().media(parts).build(), note);
                });
    }

    private static long total(List<MediaPart> parts) {
        long sum = 0;
        for (MediaPart part : parts) {
            sum += part.size();
        }
        return sum;
    }
}
