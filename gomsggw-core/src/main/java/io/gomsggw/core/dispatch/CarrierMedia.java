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
 * Gets an MMS ready for a carrier: its media transcoded to fit the carrier's limit (its own
 * {@link CarrierAdapter#maxMmsBytes()}, else {@code MMS_MAX_SIZE}), then published where the
 * carrier can fetch it. An SMS passes untouched.
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
        CompletionStage<List<MediaPart>> fitted = transcoder == null
                ? CompletableFuture.completedFuture(message.media())
                : transcoder.transcode(message.media(), new MediaTarget(
                        carrier.maxMmsBytes() > 0 ? carrier.maxMmsBytes() : defaultMaxBytes, Set.of()));
        return fitted.thenApplyAsync(parts -> {
            Message sendable = message.toBuilder().media(parts).build();
            long before = total(message.media());
            long after = total(parts);
            String note = before == after ? null : "media transcoded from " + before + " to " + after + " bytes";
            return new Prepared(sendable, links.publish(sendable), note);
        }, blocking);
    }

    private static long total(List<MediaPart> parts) {
        long sum = 0;
        for (MediaPart part : parts) {
            sum += part.size();
        }
        return sum;
    }
}
