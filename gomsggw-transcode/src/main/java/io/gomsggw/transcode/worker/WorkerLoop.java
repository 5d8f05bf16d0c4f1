package io.gomsggw.transcode.worker;

import io.gomsggw.core.spi.TranscodeException;
import io.gomsggw.transcode.av.AvTranscoder;
import io.gomsggw.transcode.av.Reencoded;
import io.gomsggw.transcode.detect.MediaType;
import io.gomsggw.transcode.image.Deadline;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The worker side of {@link WorkerProtocol}: says hello, then answers one request at a time until
 * the gateway closes the stream. Runs in the worker process, on its main thread.
 */
final class WorkerLoop {
    private final InputStream in;
    private final OutputStream out;
    private final Optional<AvTranscoder> av;
    private final String detail;
    private final long maxRequestBytes;
    private final Clock clock;

    /**
     * @param av     the transcoder, empty when Humble Video is not available here
     * @param detail the encoders found, or why there is no transcoder
     */
    WorkerLoop(
            InputStream in,
            OutputStream out,
            Optional<AvTranscoder> av,
            String detail,
            long maxRequestBytes,
            Clock clock) {
        this.in = in;
        this.out = out;
        this.av = av;
        this.detail = detail;
        this.maxRequestBytes = maxRequestBytes;
        this.clock = clock;
    }

    /** Returns when the gateway closes the stream. */
    void run() throws IOException {
        WorkerProtocol.writeHello(out, new Hello(av.isPresent(), detail));
        for (Optional<JobRequest> next = WorkerProtocol.readRequest(in, maxRequestBytes);
                next.isPresent();
                next = WorkerProtocol.readRequest(in, maxRequestBytes)) {
            WorkerProtocol.writeResult(out, answer(next.get()));
        }
    }

    private JobResult answer(JobRequest job) {
        MediaType type = job.type();
        if (av.isEmpty()) {
            return new JobResult.Refused(
                    job.id(),
                    TranscodeException.UNSUPPORTED_MEDIA_TYPE,
                    type.label() + " (" + type.mime() + ") cannot be transcoded: " + detail);
        }
        List<MediaType> possible = av.get().outputsFor(type);
        List<MediaType> outputs =
                possible.stream().filter(job.outputs()::contains).toList();
        if (outputs.isEmpty()) {
            return new JobResult.Refused(
                    job.id(),
                    TranscodeException.UNSUPPORTED_MEDIA_TYPE,
                    type.label() + " (" + type.mime() + ") must be converted, but the destination does not accept "
                            + possible.stream().map(MediaType::mime).collect(Collectors.joining(" or "))
                            + (possible.size() == 1 ? ", the output format" : ", the output formats"));
        }
        try {
            Reencoded done = av.get()
                    .transcode(type, job.content(), job.budget(), outputs, Deadline.after(clock, job.timeout()));
            return new JobResult.Done(job.id(), done.type(), done.content());
        } catch (TranscodeException e) {
            return new JobResult.Refused(job.id(), e.code(), e.getMessage());
        }
    }
}
