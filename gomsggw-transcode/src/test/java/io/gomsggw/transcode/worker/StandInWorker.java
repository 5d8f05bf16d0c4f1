package io.gomsggw.transcode.worker;

import io.gomsggw.core.spi.TranscodeException;
import io.gomsggw.transcode.av.AvFormats;
import io.gomsggw.transcode.av.AvTranscoder;
import io.gomsggw.transcode.av.Reencoded;
import io.gomsggw.transcode.detect.MediaType;
import io.gomsggw.transcode.image.Deadline;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * A worker main for tests, without Humble Video: the real {@link WorkerLoop} and frames around a
 * stand-in transcoder whose behaviour the first word of the content picks (after the 12 bytes of
 * an MP4 {@code ftyp} head, so an MP4 part can carry it through the whole pipeline). Before it misbehaves it
 * writes {@code busy-<pid>} into the directory named by {@code -Dstandin.markers}, so a test knows
 * which process is in the middle of a job.
 *
 * <ul>
 *   <li>{@code hang}: sleeps forever (a decoder in a loop);
 *   <li>{@code crash}: writes through a null pointer (a native crash: SIGSEGV, the JVM's crash report, SIGABRT);
 *   <li>{@code exit}: ends the process with status 0;
 *   <li>{@code garbage}: prints text on standard output where a frame should be, then sleeps;
 *   <li>{@code oversize}: answers more bytes than the budget;
 *   <li>{@code refuse}: refuses with {@code media_too_large};
 *   <li>{@code log}: prints a WARN line and an FFmpeg-like ERROR line on standard error, then answers;
 *   <li>anything else: answers {@code done:<word>:<its pid>} as the first output type.
 * </ul>
 *
 * With {@code -Dstandin.unavailable=true} it says it cannot transcode.
 */
public final class StandInWorker {
    private StandInWorker() {}

    public static void main(String[] args) {
        var frames = AvWorkerMain.becomeWorker();
        long maxRequest = Long.parseLong(args[0]);
        if (Boolean.getBoolean("standin.unavailable")) {
            AvWorkerMain.serve(new WorkerLoop(
                    AvWorkerMain.requests(),
                    frames,
                    Optional.empty(),
                    "stand-in without Humble Video",
                    maxRequest,
                    Clock.systemUTC()));
        }
        Path markers = Path.of(System.getProperty("standin.markers"));
        AvWorkerMain.serve(new WorkerLoop(
                AvWorkerMain.requests(),
                frames,
                Optional.of(new StandIn(markers)),
                "h264=stand-in",
                maxRequest,
                Clock.systemUTC()));
    }

    private record StandIn(Path markers) implements AvTranscoder {
        @Override
        public boolean canTranscode(MediaType type) {
            return AvFormats.canTranscode(type);
        }

        @Override
        public List<MediaType> outputsFor(MediaType type) {
            return AvFormats.possibleOutputs(type);
        }

        @Override
        public Reencoded transcode(
                MediaType type, byte[] content, long budget, List<MediaType> outputs, Deadline deadline)
                throws TranscodeException {
            String word = firstWord(content);
            switch (word) {
                case "hang" -> {
                    busy();
                    sleepForever();
                }
                case "crash" -> {
                    busy();
                    unsafe().putAddress(0, 0);
                }
                case "exit" -> {
                    busy();
                    Runtime.getRuntime().halt(0);
                }
                case "garbage" -> {
                    busy();
                    try {
                        FileOutputStream out = new FileOutputStream(FileDescriptor.out);
                        out.write("this is not a frame\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    sleepForever();
                }
                case "oversize" -> {
                    return new Reencoded(outputs.get(0), new byte[(int) budget + 1]);
                }
                case "refuse" -> throw new TranscodeException(TranscodeException.MEDIA_TOO_LARGE, "stand-in refuses");
                case "log" -> {
                    System.err.println("WARN  stand.in.Logger - event=stand_in_says_hello");
                    System.err.println("ERROR org.ffmpeg - [h264 @ 0x7f00] no frame!");
                }
                default -> {}
            }
            return new Reencoded(
                    outputs.get(0),
                    ("done:" + word + ":" + ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII));
        }

        private void busy() {
            try {
                Files.writeString(
                        markers.resolve("busy-" + ProcessHandle.current().pid()), "");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The first run of letters, after the {@code ftyp} box head when the content starts like an MP4. */
    static String firstWord(byte[] content) {
        String text = new String(content, 0, Math.min(content.length, 64), StandardCharsets.US_ASCII);
        int start = text.startsWith("ftyp", 4) ? 12 : 0;
        while (start < text.length() && !Character.isLetter(text.charAt(start))) start++;
        int end = start;
        while (end < text.length() && Character.isLetter(text.charAt(end))) end++;
        return text.substring(start, end);
    }

    private static void sleepForever() {
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                // keep hanging
            }
        }
    }

    private static sun.misc.Unsafe unsafe() {
        try {
            Field field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            return (sun.misc.Unsafe) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
