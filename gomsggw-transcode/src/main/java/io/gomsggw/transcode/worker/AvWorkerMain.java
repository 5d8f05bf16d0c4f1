package io.gomsggw.transcode.worker;

import io.gomsggw.transcode.av.AvSupport;
import io.gomsggw.transcode.av.AvTranscoder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The main class of a video and audio worker process, started by {@link AvWorkerPool}:
 * {@code java … io.gomsggw.transcode.worker.AvWorkerMain <max request bytes>}. Frames of
 * {@link WorkerProtocol} come in on standard input and go out on standard output; everything
 * else (its logs, FFmpeg's messages) goes to standard error, which the gateway forwards to its
 * log. Exits when standard input ends, and at once when the gateway process is gone.
 */
public final class AvWorkerMain {
    /** The video box, as the gateway has always used it: 1280 × 720 (720 × 1280 portrait). */
    private static final int BOX_WIDTH = 1280;

    private static final int BOX_HEIGHT = 720;
    private static final Path OOM_SCORE_ADJ = Path.of("/proc/self/oom_score_adj");

    private AvWorkerMain() {}

    public static void main(String[] args) {
        OutputStream frames = becomeWorker();
        if (args.length != 1) {
            System.err.println("usage: AvWorkerMain <max request bytes>");
            System.exit(2);
        }
        AvSupport.Probe probe = AvSupport.probe();
        Optional<AvTranscoder> av =
                probe.available() ? Optional.of(AvSupport.transcoder(BOX_WIDTH, BOX_HEIGHT)) : Optional.empty();
        serve(new WorkerLoop(requests(), frames, av, probe.detail(), Long.parseLong(args[0]), Clock.systemUTC()));
    }

    /**
     * Makes this process a worker and returns the stream for its frames. Standard output is for
     * frames only: {@code System.out} is pointed at standard error first, so nothing printed through
     * it (a logging library's console appender) can corrupt a frame. The process exits at once when
     * its parent ends (killed, it could not stop its workers), so a worker busy in native code is
     * never left behind. And on Linux it asks to be the first process the kernel kills when memory
     * runs out ({@code oom_score_adj} 1000, which any process may do for itself): the worker is
     * replaced, the gateway goes on.
     */
    static OutputStream becomeWorker() {
        OutputStream frames = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        System.setOut(System.err);
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(AvWorkerMain::orphaned));
        try {
            Files.writeString(OOM_SCORE_ADJ, "1000");
        } catch (IOException | UnsupportedOperationException e) {
            // not Linux, or not allowed: the kernel chooses as it would
        }
        return frames;
    }

    /** The gateway is gone: it can no longer delete the worker's directory, so the worker does, and halts. */
    private static void orphaned() {
        deleteOwnDirectory();
        Runtime.getRuntime().halt(0);
    }

    /**
     * Deletes the temporary directory the gateway made for this worker (and only such a one: a
     * worker started by hand with the system's temporary directory leaves it alone).
     */
    private static void deleteOwnDirectory() {
        Path directory = Path.of(System.getProperty("java.io.tmpdir"));
        Path name = directory.getFileName();
        if (name != null && name.toString().startsWith(WorkerProcess.DIRECTORY_PREFIX)) {
            WorkerProcess.delete(directory);
        }
    }

    static InputStream requests() {
        return new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16);
    }

    /**
     * Runs the loop and exits: 0 when the gateway closed standard input (it stops its workers so, or
     * it ended), 1 on a broken stream; either way without leaving its temporary directory behind.
     */
    static void serve(WorkerLoop loop) {
        int status = 0;
        try {
            loop.run();
        } catch (IOException e) {
            System.err.println("ERROR io.gomsggw.transcode.worker.AvWorkerMain - event=av_worker_stream_broken error=\""
                    + e + "\"");
            status = 1;
        }
        deleteOwnDirectory();
        System.exit(status);
    }
}
