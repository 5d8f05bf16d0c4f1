/**
 * Video and audio transcoding in worker processes. FFmpeg (through Humble Video) is native code:
 * a hostile file can crash it, make it allocate without end or loop in a decoder. Here it only
 * ever runs in child JVMs ({@link io.gomsggw.transcode.worker.AvWorkerMain}), started from the
 * gateway's own class path by {@link io.gomsggw.transcode.worker.AvWorkerPool}, each with its own
 * heap limit, temporary directory and a kill at every job's limit. The gateway's JVM never loads
 * the native library.
 *
 * <p>Parts travel over the worker's standard input and output in length-prefixed frames
 * ({@code WorkerProtocol}, a pure codec over streams), not through files: the gateway holds the
 * bytes in memory already, a pipe needs no shared directory to clean up after a worker that died,
 * and every frame is bounded by a limit known before it is read. Standard error carries the
 * worker's log, forwarded line by line to the gateway's.
 */
package io.gomsggw.transcode.worker;
