package io.gomsggw.transcode.worker;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * One worker process: launched, awaited until it says hello, then given one job at a time. Every wait on it is
 * bounded by a kill scheduled on the pool's watchdog, so a hung worker never holds the thread
 * that talks to it. Its temporary files live in a directory of its own, deleted when it ends
 * (also after a crash, when the worker could not delete them itself). Used by one thread at a
 * time; {@link #kill()} may come from any thread.
 */
final class WorkerProcess {
    /** The name of every worker's temporary directory starts so. */
    static final String DIRECTORY_PREFIX = "gomsggw-av-worker-";
    /** A JVM start plus unpacking and loading Humble Video's 105 MB native library took 2–8 s on a loaded machine. */
    static final Duration START_LIMIT = Duration.ofSeconds(60);

    private static final Duration EXIT_WAIT = Duration.ofSeconds(5);
    /** What is read of a worker's output after a broken frame (a JVM crash report is about 1 KB). */
    private static final int MAX_UNEXPECTED_OUTPUT = 16 * 1024;

    private final Process process;
    private final Path directory;
    private final OutputStream requests;
    private final InputStream results;
    private final WorkerOutput output;
    private final ScheduledExecutorService watchdog;
    private final AtomicBoolean killed = new AtomicBoolean();

    private WorkerProcess(
            Process process,
            Path directory,
            InputStream results,
            WorkerOutput output,
            ScheduledExecutorService watchdog) {
        this.process = process;
        this.directory = directory;
        this.requests = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
        this.results = results;
        this.output = output;
        this.watchdog = watchdog;
    }

    /**
     * Starts a worker process; {@link #awaitHello()} then waits until it is ready.
     *
     * @param id its number in the pool, in its thread names and log lines
     * @throws WorkerFailure {@code START_FAILED} when the process cannot be started
     */
    static WorkerProcess launch(
            int id, WorkerLauncher launcher, AvWorkerSettings settings, ScheduledExecutorService watchdog)
            throws WorkerFailure {
        Path directory;
        try {
            directory = Files.createTempDirectory(DIRECTORY_PREFIX); // owner-only on POSIX
        } catch (IOException e) {
            throw new WorkerFailure(
                    WorkerFailure.Reason.START_FAILED, "cannot create its temporary directory: " + e.getMessage());
        }
        Process process;
        try {
            process = new ProcessBuilder(launcher.command(settings, directory)).start();
        } catch (IOException e) {
            delete(directory);
            throw new WorkerFailure(
                    WorkerFailure.Reason.START_FAILED, "cannot run " + launcher.java() + ": " + e.getMessage());
        }
        WorkerOutput output = new WorkerOutput(new BufferedInputStream(process.getErrorStream()), id);
        Thread forwarder = new Thread(output, "av-worker-" + id + "-stderr");
        forwarder.setDaemon(true);
        forwarder.start();
        return new WorkerProcess(
                process, directory, new BufferedInputStream(process.getInputStream(), 1 << 16), output, watchdog);
    }

    /**
     * Waits for the worker's hello, at most {@link #START_LIMIT}.
     *
     * @throws WorkerFailure {@code START_FAILED}, the worker killed and its directory deleted
     */
    Hello awaitHello() throws WorkerFailure {
        AtomicBoolean late = new AtomicBoolean();
        ScheduledFuture<?> limit = watchdog.schedule(
                () -> {
                    late.set(true);
                    process.destroyForcibly();
                },
                START_LIMIT.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            return WorkerProtocol.readHello(results);
        } catch (IOException e) {
            boolean ended = !late.get() && awaitExit(process);
            String why = late.get()
                    ? "said nothing within " + START_LIMIT.toSeconds() + " s"
                    : ended ? describe(process.exitValue()) : e.getMessage();
            kill();
            if (e instanceof ProtocolException p) output.forward(p.unexpectedText() + rest(results));
            throw new WorkerFailure(WorkerFailure.Reason.START_FAILED, why);
        } finally {
            limit.cancel(false);
        }
    }

    long pid() {
        return process.pid();
    }

    /** Whether it can take a job: alive, and not killed by a limit that passed as its last job ended. */
    boolean usable() {
        return !killed.get() && process.isAlive();
    }

    /** How it ended, for one that is no longer {@link #usable()} though it had no job; it is then killed. */
    WorkerFailure lostWhileIdle() {
        boolean ended = awaitExit(process);
        kill();
        if (!ended) return new WorkerFailure(WorkerFailure.Reason.PROTOCOL, "was killed");
        int status = process.exitValue();
        return new WorkerFailure(
                status == 0 ? WorkerFailure.Reason.EXITED : WorkerFailure.Reason.CRASHED,
                describe(status) + " while idle");
    }

    /**
     * Sends a job and waits for its result; kills the worker when {@code limit} passes first.
     *
     * @param maxResultBytes largest result frame read
     * @throws WorkerFailure when the worker is lost on the way; it is then dead or being killed
     */
    JobResult run(JobRequest job, Duration limit, long maxResultBytes) throws WorkerFailure {
        AtomicBoolean late = new AtomicBoolean();
        ScheduledFuture<?> kill = watchdog.schedule(
                () -> {
                    late.set(true);
                    killed.set(true);
                    process.destroyForcibly();
                },
                limit.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            WorkerProtocol.writeRequest(requests, job);
            JobResult result = WorkerProtocol.readResult(results, maxResultBytes);
            if (result.id() != job.id()) {
                throw new ProtocolException("answered job " + result.id() + " when asked job " + job.id());
            }
            return result;
        } catch (IOException e) {
            if (!kill.cancel(false) || late.get()) { // the kill ran, or is running
                awaitExit(process);
                throw new WorkerFailure(
                        WorkerFailure.Reason.TIMEOUT,
                        "was still busy after " + limit.toMillis() + " ms and was killed");
            }
            throw lost(e);
        } finally {
            kill.cancel(false);
        }
    }

    /** Kills the process, waits for it to end (5 s at most) and deletes its directory. */
    void kill() {
        killed.set(true);
        process.destroyForcibly();
        awaitExit(process);
        delete(directory);
    }

    /** Why the stream broke: the process's end when it ended, else a protocol failure (it is then killed). */
    private WorkerFailure lost(IOException e) {
        killed.set(true);
        boolean ended = awaitExit(process); // a crashing JVM writes its report, then ends
        if (!ended) {
            process.destroyForcibly();
            awaitExit(process);
        }
        if (e instanceof ProtocolException p) output.forward(p.unexpectedText() + rest(results));
        if (!ended) return new WorkerFailure(WorkerFailure.Reason.PROTOCOL, e.getMessage() + "; it was killed");
        int status = process.exitValue();
        return new WorkerFailure(
                status == 0 ? WorkerFailure.Reason.EXITED : WorkerFailure.Reason.CRASHED, describe(status));
    }

    /** A process's end in words: Java reports a death by signal N as status 128 + N. */
    static String describe(int status) {
        return switch (status) {
            case 0 -> "exited with status 0";
            case 3 -> "ran out of memory (status 3)";
            case 134 -> "aborted (SIGABRT, status 134: the JVM's end after a native crash)";
            case 137 -> "was killed (SIGKILL, status 137)";
            case 139 -> "crashed (SIGSEGV, status 139)";
            default ->
                status > 128
                        ? "ended by signal " + (status - 128) + " (status " + status + ")"
                        : "exited with status " + status;
        };
    }

    private static boolean awaitExit(Process process) {
        try {
            return process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /**
     * What is left of a dead worker's standard output, bounded; what was read is kept when the
     * stream breaks (Java closes the pipe of a process that ended under a reader).
     */
    private static String rest(InputStream results) {
        byte[] rest = new byte[MAX_UNEXPECTED_OUTPUT];
        int length = 0;
        try {
            // byte by byte: a bulk read that breaks half-way loses what it had already copied
            for (int b; length < rest.length && (b = results.read()) >= 0; ) {
                rest[length++] = (byte) b;
            }
        } catch (IOException e) {
            // the pipe is gone: keep what came before
        }
        return new String(rest, 0, length, StandardCharsets.ISO_8859_1);
    }

    static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // already gone
        }
    }
}
