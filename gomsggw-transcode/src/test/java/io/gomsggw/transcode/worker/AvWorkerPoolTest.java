package io.gomsggw.transcode.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.codahale.metrics.MetricRegistry;
import io.gomsggw.core.metrics.GatewayMetrics;
import io.gomsggw.core.spi.TranscodeException;
import io.gomsggw.core.spi.TranscoderSaturatedException;
import io.gomsggw.core.testing.Eventually;
import io.gomsggw.transcode.av.Reencoded;
import io.gomsggw.transcode.detect.MediaType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The worker pool against real child JVMs running {@link StandInWorker} (no Humble Video, so a
 * worker starts in well under a second): crashes, kills, hangs and broken frames each cost the job
 * that met them and one restart, and the next job is served. One pool serves most tests.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS) // hang guard only; no timing is asserted
class AvWorkerPoolTest {
    /** The worker's own deadline; it is killed 1 s after it (killAfter = timeout + min(timeout, 5 s)). */
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private static final List<MediaType> MP4 = List.of(MediaType.MP4);

    @TempDir
    static Path markers;

    private static MetricRegistry registry;
    private static AvWorkerPool pool;

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private AvWorkerPool own;

    @BeforeAll
    static void startPool() {
        registry = new MetricRegistry();
        pool = new AvWorkerPool(
                new AvWorkerSettings(1, 64, TIMEOUT, 1 << 20, 4), standIn(List.of()), new GatewayMetrics(registry));
        pool.warmUp();
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @BeforeEach
    void captureLogs() {
        logged.start();
        ((Logger) LoggerFactory.getLogger("io.gomsggw.transcode.worker")).addAppender(logged);
    }

    @AfterEach
    void stop() throws IOException {
        ((Logger) LoggerFactory.getLogger("io.gomsggw.transcode.worker")).detachAppender(logged);
        if (own != null) own.close();
        try (Stream<Path> files = Files.list(markers)) {
            for (Path file : files.toList()) Files.delete(file);
        }
    }

    static WorkerLauncher standIn(List<String> options) {
        List<String> all = new ArrayList<>(options);
        all.add("-Dstandin.markers=" + markers);
        all.add("-XX:ErrorFile=" + markers.resolve("hs_err_pid%p.log"));
        return WorkerLauncher.sameClassPath()
                .withMainClass(StandInWorker.class.getName())
                .withJvmOptions(all);
    }

    private static CompletableFuture<Reencoded> job(AvWorkerPool pool, String word) {
        return pool.transcode(
                MediaType.MP4, (word + " and some video bytes").getBytes(StandardCharsets.US_ASCII), 10_000, MP4);
    }

    private static Reencoded done(CompletableFuture<Reencoded> job) throws Exception {
        return job.get(60, TimeUnit.SECONDS);
    }

    private static ThrowableAssert.ThrowingCallable waitFor(CompletableFuture<Reencoded> job) {
        return () -> job.get(60, TimeUnit.SECONDS);
    }

    private static String code(Throwable e) {
        return ((TranscodeException) e).code();
    }

    /** What was logged so far (the appender appends under its own lock, from the worker threads). */
    private List<ILoggingEvent> logs() {
        synchronized (logged) {
            return List.copyOf(logged.list);
        }
    }

    /** Jobs a worker answered. */
    private long workerJobs() {
        return count("gomsggw_transcode_worker_jobs{outcome=\"transcoded\"}")
                + count("gomsggw_transcode_worker_jobs{outcome=\"refused\"}");
    }

    private long count(String name) {
        return registry.counter(name).getCount();
    }

    /** The pid a stand-in wrote before it misbehaved. */
    private static long busyPid() throws IOException {
        Eventually.await("a worker in the middle of a job", () -> busyMarker().isPresent());
        return Long.parseLong(
                busyMarker().orElseThrow().getFileName().toString().substring("busy-".length()));
    }

    private static Optional<Path> busyMarker() {
        try (Stream<Path> files = Files.list(markers)) {
            return files.filter(p -> p.getFileName().toString().startsWith("busy-"))
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The pid of the worker that answers the next job. */
    private static long nextWorkerPid() throws Exception {
        String answer = new String(done(job(pool, "ping")).content(), StandardCharsets.US_ASCII);
        assertThat(answer).startsWith("done:ping:");
        return Long.parseLong(answer.substring("done:ping:".length()));
    }

    @Test
    void aJobComesBackFromTheWorker() throws Exception {
        long before = count("gomsggw_transcode_worker_jobs{outcome=\"transcoded\"}");

        Reencoded out = done(job(pool, "hello"));

        assertThat(out.type()).isEqualTo(MediaType.MP4);
        assertThat(new String(out.content(), StandardCharsets.US_ASCII)).startsWith("done:hello:");
        assertThat(count("gomsggw_transcode_worker_jobs{outcome=\"transcoded\"}"))
                .isEqualTo(before + 1);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void theWorkerIsTheKernelsFirstChoiceWhenMemoryRunsOut() throws Exception {
        long pid = nextWorkerPid();

        assertThat(Files.readString(Path.of("/proc/" + pid + "/oom_score_adj")).strip())
                .isEqualTo("1000");
    }

    @Test
    void aRefusalKeepsItsCodeAndMessage() {
        assertThatThrownBy(waitFor(job(pool, "refuse")))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(TranscodeException.class)
                .satisfies(e -> assertThat(code(e)).isEqualTo(TranscodeException.MEDIA_TOO_LARGE))
                .hasMessage("stand-in refuses");
        assertThat(count("gomsggw_transcode_worker_jobs{outcome=\"refused\"}")).isPositive();
    }

    @Test
    void aWorkerKilledMidJobFailsThatJobAndANewWorkerServesTheNext() throws Exception {
        long restarts = count("gomsggw_transcode_worker_restarts{reason=\"crashed\"}");
        CompletableFuture<Reencoded> hanging = job(pool, "hang");
        long pid = busyPid();

        assertThat(ProcessHandle.of(pid).orElseThrow().destroyForcibly()).isTrue(); // SIGKILL

        assertThatThrownBy(waitFor(hanging))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .satisfies(e -> assertThat(code(e)).isEqualTo(TranscodeException.MEDIA_UNPROCESSABLE))
                .hasMessageContaining("mp4")
                .hasMessageContaining("was killed (SIGKILL, status 137)");
        assertThat(count("gomsggw_transcode_worker_restarts{reason=\"crashed\"}"))
                .isEqualTo(restarts + 1);
        assertThat(count("gomsggw_transcode_worker_jobs{outcome=\"unprocessable\"}"))
                .isPositive();
        assertThat(nextWorkerPid()).isNotEqualTo(pid);
        assertThat(logs())
                .anyMatch(e -> e.getFormattedMessage()
                        .startsWith("event=av_worker_lost worker=1 pid=" + pid + " reason=crashed"));
    }

    @Test
    void aWorkerPastTheJobLimitIsKilledAndReplaced() throws Exception {
        long restarts = count("gomsggw_transcode_worker_restarts{reason=\"timeout\"}");
        CompletableFuture<Reencoded> hanging = job(pool, "hang");
        long pid = busyPid();

        assertThatThrownBy(waitFor(hanging))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .satisfies(e -> assertThat(code(e)).isEqualTo(TranscodeException.MEDIA_UNPROCESSABLE))
                .hasMessageContaining(
                        "was still busy after " + pool.settings().killAfter().toMillis() + " ms and was killed");
        Eventually.await(
                "the hung worker is gone",
                () -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        assertThat(count("gomsggw_transcode_worker_restarts{reason=\"timeout\"}"))
                .isEqualTo(restarts + 1);
        assertThat(nextWorkerPid()).isNotEqualTo(pid);
    }

    @Test
    void aNativeCrashFailsTheJobAndItsReportReachesTheLog() throws Exception {
        CompletableFuture<Reencoded> crashing = job(pool, "crash");
        long pid = busyPid();

        assertThatThrownBy(waitFor(crashing))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .satisfies(e -> assertThat(code(e)).isEqualTo(TranscodeException.MEDIA_UNPROCESSABLE))
                .hasMessageContaining("aborted (SIGABRT, status 134");
        assertThat(logs())
                .anyMatch(e -> e.getFormattedMessage().startsWith("worker=1 # A fatal error has been detected"));
        assertThat(markers.resolve("hs_err_pid" + pid + ".log"))
                .as("the JVM's crash report")
                .isRegularFile();
        assertThat(nextWorkerPid()).isNotEqualTo(pid);
    }

    @Test
    void aWorkerThatExitsMidJobFailsTheJob() {
        long restarts = count("gomsggw_transcode_worker_restarts{reason=\"exited\"}");
        assertThatThrownBy(waitFor(job(pool, "exit")))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .satisfies(e -> assertThat(code(e)).isEqualTo(TranscodeException.MEDIA_UNPROCESSABLE))
                .hasMessageContaining("exited with status 0");
        assertThat(count("gomsggw_transcode_worker_restarts{reason=\"exited\"}"))
                .isEqualTo(restarts + 1);
    }

    @Test
    void outputInsteadOfAFrameIsLoggedAndTheWorkerKilled() throws Exception {
        long restarts = count("gomsggw_transcode_worker_restarts{reason=\"protocol\"}");
        CompletableFuture<Reencoded> broken = job(pool, "garbage");
        long pid = busyPid();

        assertThatThrownBy(waitFor(broken))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .satisfies(e -> assertThat(code(e)).isEqualTo(TranscodeException.MEDIA_UNPROCESSABLE))
                .hasMessageContaining("unexpected output instead of a frame");
        assertThat(count("gomsggw_transcode_worker_restarts{reason=\"protocol\"}"))
                .isEqualTo(restarts + 1);
        assertThat(logs()).anyMatch(e -> e.getFormattedMessage().equals("worker=1 this is not a frame"));
        Eventually.await(
                "the worker is gone",
                () -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        assertThat(nextWorkerPid()).isNotEqualTo(pid);
    }

    @Test
    void anAnswerOverTheBudgetIsABrokenWorker() {
        assertThatThrownBy(waitFor(job(pool, "oversize")))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .satisfies(e -> assertThat(code(e)).isEqualTo(TranscodeException.MEDIA_UNPROCESSABLE))
                .hasMessageContaining("not what was asked");
    }

    @Test
    void theWorkersStandardErrorReachesTheLogAtItsLevelWithTheWorkerId() throws Exception {
        Logger output = (Logger) LoggerFactory.getLogger(WorkerOutput.class);
        output.setLevel(Level.DEBUG);
        try {
            done(job(pool, "log"));

            Eventually.await(
                    "the worker's lines in the log",
                    () -> logs().stream()
                                    .anyMatch(e -> e.getFormattedMessage()
                                                    .equals("worker=1 stand.in.Logger - event=stand_in_says_hello")
                                            && e.getLevel() == Level.WARN)
                            && logs().stream()
                                    .anyMatch(e -> e.getFormattedMessage()
                                                    .equals("worker=1 org.ffmpeg - [h264 @ 0x7f00] no frame!")
                                            && e.getLevel() == Level.DEBUG));
        } finally {
            output.setLevel(null);
        }
    }

    @Test
    void aPartOverTheInputLimitIsRefusedWithoutAWorker() {
        long jobs = workerJobs();
        byte[] big = new byte[(int) pool.settings().maxInputBytes() + 1];

        assertThatThrownBy(() -> pool.transcode(MediaType.MP4, big, 10_000, MP4).get(60, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .satisfies(e -> assertThat(code(e)).isEqualTo(TranscodeException.MEDIA_TOO_LARGE))
                .hasMessageContaining("video/mp4 of " + big.length + " bytes is over the limit of "
                        + pool.settings().maxInputBytes());
        assertThat(workerJobs()).isEqualTo(jobs);
    }

    @Test
    void aFullQueueIsRefusedWithASaturationError() throws Exception {
        MetricRegistry metrics = new MetricRegistry();
        own = new AvWorkerPool(
                new AvWorkerSettings(1, 64, Duration.ofSeconds(60), 1 << 20, 1),
                standIn(List.of()),
                new GatewayMetrics(metrics));
        CompletableFuture<Reencoded> hanging = job(own, "hang");
        busyPid(); // the worker holds the first job
        CompletableFuture<Reencoded> waiting = job(own, "second");

        assertThatThrownBy(waitFor(job(own, "third")))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(TranscoderSaturatedException.class)
                .hasMessageContaining("video and audio queue is full (1 jobs waiting for 1 workers)");
        assertThat(metrics.counter("gomsggw_transcode_worker_jobs{outcome=\"rejected\"}")
                        .getCount())
                .isEqualTo(1);
        assertThat(hanging).isNotDone();
        assertThat(waiting).isNotDone();
    }

    @Test
    void aJobCancelledWhileWaitingIsNeverSent() throws Exception {
        MetricRegistry metrics = new MetricRegistry();
        own = new AvWorkerPool(
                new AvWorkerSettings(1, 64, Duration.ofSeconds(60), 1 << 20, 4),
                standIn(List.of()),
                new GatewayMetrics(metrics));
        CompletableFuture<Reencoded> hanging = job(own, "hang");
        long pid = busyPid();
        CompletableFuture<Reencoded> cancelled = job(own, "cancelled");
        assertThat(cancelled.cancel(false)).isTrue();

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        assertThatThrownBy(waitFor(hanging)).hasCauseInstanceOf(TranscodeException.class);
        String next = new String(done(job(own, "next")).content(), StandardCharsets.US_ASCII);

        assertThat(next).startsWith("done:next:");
        assertThat(metrics.counter("gomsggw_transcode_worker_jobs{outcome=\"transcoded\"}")
                        .getCount())
                .as("only the last job was answered")
                .isEqualTo(1);
    }

    @Test
    void aClosedPoolRefusesNewJobsAtOnce() {
        own = new AvWorkerPool(
                new AvWorkerSettings(1, 64, TIMEOUT, 1 << 20, 4),
                standIn(List.of()),
                new GatewayMetrics(new MetricRegistry()));
        own.close();

        assertThatThrownBy(waitFor(job(own, "hello")))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(TranscoderSaturatedException.class)
                .hasMessage("video and audio workers are stopped");
    }

    @Test
    void aWorkerThatCannotStartFailsTheWaitingJobsAsSaturated() {
        MetricRegistry metrics = new MetricRegistry();
        own = new AvWorkerPool(
                new AvWorkerSettings(1, 64, TIMEOUT, 1 << 20, 4),
                standIn(List.of()).withMainClass("io.gomsggw.transcode.worker.NoSuchWorker"),
                new GatewayMetrics(metrics));

        assertThatThrownBy(waitFor(job(own, "hello")))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(TranscoderSaturatedException.class)
                .hasMessageContaining("video and audio workers are not starting (exited with status 1)");
        assertThat(metrics.counter("gomsggw_transcode_worker_restarts{reason=\"start_failed\"}")
                        .getCount())
                .isPositive();
        Eventually.await(
                "java's complaint in the log",
                () -> logs().stream().anyMatch(e -> e.getFormattedMessage().contains("NoSuchWorker")));
        assertThat(own.canTranscode(MediaType.MP4)).as("it may start next time").isTrue();
    }

    @Test
    void aWorkerWithoutHumbleVideoTurnsTranscodingOff() {
        own = new AvWorkerPool(
                new AvWorkerSettings(1, 64, TIMEOUT, 1 << 20, 4),
                standIn(List.of("-Dstandin.unavailable=true")),
                new GatewayMetrics(new MetricRegistry()));
        assertThat(own.canTranscode(MediaType.MP4)).isTrue();

        assertThatThrownBy(waitFor(job(own, "hello")))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .satisfies(e -> assertThat(code(e)).isEqualTo(TranscodeException.UNSUPPORTED_MEDIA_TYPE))
                .hasMessage("mp4 (video/mp4) cannot be transcoded: stand-in without Humble Video");
        assertThat(own.canTranscode(MediaType.MP4)).isFalse();
        assertThat(logs())
                .anyMatch(e -> e.getFormattedMessage()
                        .equals("event=av_transcoding available=false reason=\"stand-in without Humble Video\" "
                                + "(video and audio pass through or are refused)"));
    }
}
