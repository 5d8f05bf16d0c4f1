package io.gomsggw.transcode;

import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.spi.TranscodeException;
import io.gomsggw.transcode.av.AvFormats;
import io.gomsggw.transcode.av.Reencoded;
import io.gomsggw.transcode.detect.MediaType;
import io.gomsggw.transcode.worker.AvWorkerPool;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Decides what happens to one video or audio part that can be re-encoded: pass through byte for
 * byte when it fits its budget and is accepted, refuse when the destination accepts none of the
 * output types, else hand it to the worker processes; a part cancelled (another part of its
 * message failed) before a worker took it is never sent. Thread-safe; never blocks.
 */
final class AvPartTranscoder {
    private final AvWorkerPool workers;

    AvPartTranscoder(AvWorkerPool workers) {
        this.workers = workers;
    }

    /** Whether parts of {@code type} are re-encoded (see {@link AvWorkerPool#canTranscode}). */
    boolean canTranscode(MediaType type) {
        return workers.canTranscode(type);
    }

    /** Starts the workers in the background. */
    void warmUp() {
        workers.warmUp();
    }

    CompletableFuture<MediaPart> transcode(PlannedPart planned, AcceptedTypes accepted) {
        MediaPart part = planned.part();
        MediaType type = planned.type();
        if (part.size() <= planned.budget() && accepted.accepts(type)) {
            return CompletableFuture.completedFuture(PartTranscoder.passThrough(part, type));
        }
        List<MediaType> possible = AvFormats.possibleOutputs(type);
        List<MediaType> outputs = possible.stream().filter(accepted::accepts).toList();
        if (outputs.isEmpty()) {
            return CompletableFuture.failedFuture(new TranscodeException(
                    TranscodeException.UNSUPPORTED_MEDIA_TYPE,
                    type.label() + " (" + type.mime() + ") must be converted, but the destination does not accept "
                            + possible.stream().map(MediaType::mime).collect(Collectors.joining(" or "))
                            + ", the output formats"));
        }
        CompletableFuture<Reencoded> job = workers.transcode(type, part.content(), planned.budget(), outputs);
        CompletableFuture<MediaPart> result = job.thenApply(out -> new MediaPart(
                PartTranscoder.renamed(part.filename(), out.type()), out.type().mime(), out.content()));
        result.whenComplete((out, error) -> {
            if (result.isCancelled()) job.cancel(false); // a job still waiting is then never sent
        });
        return result;
    }

    void close() {
        workers.close();
    }
}
