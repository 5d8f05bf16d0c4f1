package io.gomsggw.transcode.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gomsggw.core.spi.TranscodeException;
import io.gomsggw.transcode.detect.MediaType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class WorkerProtocolTest {
    private static final JobRequest REQUEST = new JobRequest(
            42,
            MediaType.MOV,
            614_400,
            Duration.ofSeconds(60),
            List.of(MediaType.MP4, MediaType.THREE_GPP),
            "moov and mdat".getBytes(StandardCharsets.US_ASCII));

    private static byte[] request(JobRequest request) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WorkerProtocol.writeRequest(out, request);
        return out.toByteArray();
    }

    private static byte[] result(JobResult result) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WorkerProtocol.writeResult(out, result);
        return out.toByteArray();
    }

    @Test
    void aRequestRoundTrips() throws IOException {
        byte[] frame = request(REQUEST);

        JobRequest read = WorkerProtocol.readRequest(new ByteArrayInputStream(frame), frame.length)
                .orElseThrow();

        assertThat(read.id()).isEqualTo(42);
        assertThat(read.type()).isEqualTo(MediaType.MOV);
        assertThat(read.budget()).isEqualTo(614_400);
        assertThat(read.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(read.outputs()).containsExactly(MediaType.MP4, MediaType.THREE_GPP);
        assertThat(read.content()).isEqualTo(REQUEST.content());
        assertThat(Arrays.copyOf(frame, 4)).asString(StandardCharsets.US_ASCII).isEqualTo("GMAV");
    }

    @Test
    void resultsAndHelloRoundTrip() throws IOException {
        byte[] done = result(new JobResult.Done(7, MediaType.THREE_GPP, new byte[] {1, 2, 3}));
        byte[] refused = result(new JobResult.Refused(8, TranscodeException.MEDIA_TOO_LARGE, "3gp of 9 bytes"));
        ByteArrayOutputStream hello = new ByteArrayOutputStream();
        WorkerProtocol.writeHello(hello, new Hello(true, "h264=libx264"));

        assertThat(WorkerProtocol.readResult(new ByteArrayInputStream(done), 100))
                .isInstanceOfSatisfying(JobResult.Done.class, d -> {
                    assertThat(d.id()).isEqualTo(7);
                    assertThat(d.type()).isEqualTo(MediaType.THREE_GPP);
                    assertThat(d.content()).containsExactly(1, 2, 3);
                });
        assertThat(WorkerProtocol.readResult(new ByteArrayInputStream(refused), 100))
                .isEqualTo(new JobResult.Refused(8, TranscodeException.MEDIA_TOO_LARGE, "3gp of 9 bytes"));
        assertThat(WorkerProtocol.readHello(new ByteArrayInputStream(hello.toByteArray())))
                .isEqualTo(new Hello(true, "h264=libx264"));
    }

    @Test
    void aLongRefusalIsCutToTheTextLimit() throws IOException {
        String message = "x".repeat(100_000);
        byte[] frame = result(new JobResult.Refused(1, TranscodeException.UNSUPPORTED_MEDIA_TYPE, message));

        JobResult.Refused read = (JobResult.Refused) WorkerProtocol.readResult(new ByteArrayInputStream(frame), 10_000);

        assertThat(read.message()).hasSize(WorkerProtocol.MAX_TEXT);
    }

    @Test
    void aFrameOverTheLimitIsRefusedFromItsHeaderAlone() {
        // a header declaring 2 GiB and nothing behind it: nothing of that size may be allocated
        byte[] header = ByteBuffer.allocate(9)
                .putInt(WorkerProtocol.MAGIC)
                .put((byte) 2)
                .putInt(Integer.MAX_VALUE)
                .array();

        assertThatThrownBy(() -> WorkerProtocol.readRequest(new ByteArrayInputStream(header), 1 << 20))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("frame of 2147483647 bytes is over the limit of 1048576");
    }

    @Test
    void textWhereAFrameShouldStartIsKeptForTheLog() {
        byte[] crash = "#\n# A fatal error has been detected".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> WorkerProtocol.readResult(new ByteArrayInputStream(crash), 100))
                .isInstanceOfSatisfying(
                        ProtocolException.class,
                        e -> assertThat(e.unexpectedText()).isEqualTo("#\n# "));
    }

    @Test
    void theEndBetweenFramesIsNoRequestAndTheEndInsideOneIsAnError() throws IOException {
        byte[] frame = request(REQUEST);

        assertThat(WorkerProtocol.readRequest(new ByteArrayInputStream(new byte[0]), 1000))
                .isEmpty();
        assertThatThrownBy(() -> WorkerProtocol.readRequest(
                        new ByteArrayInputStream(Arrays.copyOf(frame, frame.length - 1)), 1000))
                .isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> WorkerProtocol.readResult(new ByteArrayInputStream(new byte[0]), 1000))
                .isInstanceOf(EOFException.class);
    }

    @Test
    void contentLongerThanItsFrameIsRefused() throws IOException {
        byte[] frame = request(REQUEST);
        int contentLength = frame.length - REQUEST.content().length - 4;
        ByteBuffer.wrap(frame).putInt(contentLength, REQUEST.content().length + 1);

        assertThatThrownBy(() -> WorkerProtocol.readRequest(new ByteArrayInputStream(frame), 1000))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("runs past its frame");
    }

    @Property(tries = 2000)
    void randomBytesAreARequestOrAnIoError(@ForAll @Size(max = 200) byte[] bytes) {
        readEverything(bytes);
    }

    @Property(tries = 2000)
    void aValidFrameWithBytesChangedIsARequestOrAnIoError(
            @ForAll("frames") byte[] frame, @ForAll @IntRange(max = 10_000) int at, @ForAll byte value) {
        byte[] changed = frame.clone();
        changed[at % changed.length] = value;
        readEverything(changed);
    }

    @Provide
    Arbitrary<byte[]> frames() {
        return Arbitraries.of(MediaType.values())
                .flatMap(type -> Arbitraries.bytes()
                        .array(byte[].class)
                        .ofMaxSize(64)
                        .map(content -> {
                            try {
                                return request(
                                        new JobRequest(1, type, 100, Duration.ofSeconds(1), List.of(type), content));
                            } catch (IOException e) {
                                throw new AssertionError(e);
                            }
                        }));
    }

    /** Reads requests and results until the end: only values and IOExceptions may come out. */
    private static void readEverything(byte[] bytes) {
        try {
            ByteArrayInputStream in = new ByteArrayInputStream(bytes);
            while (WorkerProtocol.readRequest(in, 1_000).isPresent()) {
                // next
            }
        } catch (IOException expected) {
            // refused
        }
        try {
            WorkerProtocol.readResult(new ByteArrayInputStream(bytes), 1_000);
        } catch (IOException expected) {
            // refused
        }
    }
}
