package io.gomsggw.transcode.worker;

import io.gomsggw.transcode.detect.MediaType;
import java.time.Duration;
import java.util.List;

/**
 * One part for a worker to re-encode.
 *
 * @param id      echoed in the result, so a result can never be taken for another job's
 * @param type    the part's detected type
 * @param budget  largest output, in bytes
 * @param timeout the worker's own deadline for the job, from when it reads the request
 * @param outputs the types the destination accepts, most preferred first; the worker uses those
 *                its build writes
 * @param content the part's bytes
 */
record JobRequest(long id, MediaType type, long budget, Duration timeout, List<MediaType> outputs, byte[] content) {
    JobRequest {
        outputs = List.copyOf(outputs);
    }
}
