/**
 * Video and audio re-encoding with Humble Video (FFmpeg) in the calling process. Its native code
 * runs only in the worker processes ({@link io.gomsggw.transcode.worker.AvWorkerMain}); the
 * gateway's side of the module asks only {@link io.gomsggw.transcode.av.AvSupport#onClassPath()}
 * and {@link io.gomsggw.transcode.av.AvFormats}, which load no native code. Only this package
 * names Humble Video types, so the module links without it.
 */
package io.gomsggw.transcode.av;
