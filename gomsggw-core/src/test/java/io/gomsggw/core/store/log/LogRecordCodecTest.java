package io.gomsggw.core.store.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gomsggw.core.model.Direction;
import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.MessageType;
import io.gomsggw.core.model.Protocol;
import io.gomsggw.core.store.StatusTransition;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LogRecordCodecTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456789Z");

    private final LogRecordCodec codec = new LogRecordCodec();

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static Message fullMessage(String id) {
        return Message.builder()
                .id(id)
                .type(MessageType.MMS)
                .direction(Direction.INBOUND)
                .from("+15550001111")
                .to("+15550002222")
                .text("hello \uD83D\uDC4B caf\u00e9 \u4e2d\u6587")
                .media(List.of(
                        new MediaPart("a.jpg", "image/jpeg", randomBytes(1024 * 1024, 1)),
                        new MediaPart("b.bin", "application/octet-stream", randomBytes(1024 * 1024 + 7, 2)),
                        new MediaPart("empty.txt", "text/plain", new byte[0])))
                .ingress(Protocol.MM4)
                .clientId(42L)
                .targetClientId(-7L)
                .carrier("carrier-a")
                .carrierMessageId("c-123")
                .status(MessageStatus.DISPATCHING)
                .attempts(3)
                .lastError("timed out")
                .serverId("node-1")
                .createdAt(T0)
                .updatedAt(T0.plusNanos(1))
                .externalRef("mm4-tx-9")
                .build();
    }

    static Message minimalMessage(String id) {
        return Message.builder()
                .id(id)
                .from("+15550001111")
                .to("+15550002222")
                .text("")
                .createdAt(T0)
                .build();
    }

    private LogRecord roundTrip(LogRecord record) {
        codec.clear();
        codec.encode(record);
        return LogRecordCodec.decode(codec.buffer().flip());
    }

    @Test
    void aFullyPopulatedMessageRoundTrips() {
        Message message = fullMessage("m-1");
        LogRecord decoded = roundTrip(new LogRecord.Inserted(message));
        assertThat(decoded).isEqualTo(new LogRecord.Inserted(message));
        Message back = ((LogRecord.Inserted) decoded).message();
        assertThat(back.text()).isEqualTo("hello \uD83D\uDC4B caf\u00e9 \u4e2d\u6587");
        assertThat(back.media()).hasSize(3);
        assertThat(back.media().get(1).content())
                .isEqualTo(message.media().get(1).content());
        assertThat(back.updatedAt()).isEqualTo(T0.plusNanos(1));
    }

    @Test
    void aMessageWithEveryNullableFieldNullRoundTrips() {
        Message message = minimalMessage("m-2");
        Message back = ((LogRecord.Inserted) roundTrip(new LogRecord.Inserted(message))).message();
        assertThat(back).isEqualTo(message);
        assertThat(back.clientId()).isNull();
        assertThat(back.targetClientId()).isNull();
        assertThat(back.carrier()).isNull();
        assertThat(back.carrierMessageId()).isNull();
        assertThat(back.lastError()).isNull();
        assertThat(back.serverId()).isNull();
        assertThat(back.externalRef()).isNull();
        assertThat(back.text()).isEmpty();
        assertThat(back.media()).isEmpty();
    }

    @Test
    void textLongerThan64KiBWithEmojiRoundTrips() {
        String text = "\uD83D\uDE00\u00e9x".repeat(30_000);
        Message message = minimalMessage("m-3").toBuilder().text(text).build();
        assertThat(((LogRecord.Inserted) roundTrip(new LogRecord.Inserted(message)))
                        .message()
                        .text())
                .isEqualTo(text);
    }

    @Test
    void transitionsRoundTripWithAndWithoutReasonAndCarrierId() {
        StatusTransition full = new StatusTransition("m-1", MessageStatus.FAILED, T0, "rejected \u26A0", 2, "c-9");
        StatusTransition bare = new StatusTransition("m-1", MessageStatus.SENT, T0.plusSeconds(1), null, 0);
        StatusTransition emptyReason = new StatusTransition("m-1", MessageStatus.QUEUED, T0, "", 1, null);
        for (StatusTransition t : List.of(full, bare, emptyReason)) {
            assertThat(roundTrip(new LogRecord.Changed(t))).isEqualTo(new LogRecord.Changed(t));
        }
    }

    @Test
    void aParkingAndARedeliveryRoundTripWithTheirTimesAndAnOrdinaryChangeKeepsItsOldForm() {
        StatusTransition parked =
                new StatusTransition("m-1", MessageStatus.QUEUED, T0, "HTTP 503", 3, null, T0.plusSeconds(300), null);
        StatusTransition redelivered = new StatusTransition(
                "m-1", MessageStatus.QUEUED, T0, "redelivery requested", 3, null, T0.plusNanos(7), T0.plusNanos(7));
        for (StatusTransition t : List.of(parked, redelivered)) {
            assertThat(roundTrip(new LogRecord.Changed(t))).isEqualTo(new LogRecord.Changed(t));
        }
        codec.clear();
        codec.encode(new LogRecord.Changed(parked));
        assertThat(codec.buffer().get(0)).as("type of a change with times").isEqualTo((byte) 7);
        codec.clear();
        codec.encode(new LogRecord.Changed(new StatusTransition("m-1", MessageStatus.SENT, T0, null, 1)));
        assertThat(codec.buffer().get(0))
                .as("type of a change without, as logs before version 13 hold it")
                .isEqualTo((byte) 2);
    }

    @Test
    void recordsFollowEachOtherInOneBuffer() {
        codec.clear();
        codec.encode(new LogRecord.Inserted(minimalMessage("m-a")));
        int first = codec.buffer().position();
        codec.encode(new LogRecord.Inserted(fullMessage("m-b")));
        ByteBuffer all = codec.buffer().flip();
        assertThat(LogRecordCodec.decode(all.slice(0, first))).isEqualTo(new LogRecord.Inserted(minimalMessage("m-a")));
        assertThat(LogRecordCodec.decode(all.slice(first, all.limit() - first)))
                .isEqualTo(new LogRecord.Inserted(fullMessage("m-b")));
    }

    @Test
    void decodeRejectsAnUnknownTypeAndTrailingBytes() {
        assertThatThrownBy(() -> LogRecordCodec.decode(ByteBuffer.wrap(new byte[] {9})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("type 9");

        codec.clear();
        codec.encode(new LogRecord.Changed(new StatusTransition("m", MessageStatus.SENT, T0, null, 1)));
        codec.reserve(1).put((byte) 0);
        assertThatThrownBy(() -> LogRecordCodec.decode(codec.buffer().flip()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 bytes after");
    }

    @Test
    void aTransitionWithoutStatusIsRefusedBeforeAnythingIsWritten() {
        codec.clear();
        assertThatThrownBy(() -> codec.encode(new LogRecord.Changed(new StatusTransition("m", null, T0, null, 1))))
                .isInstanceOf(NullPointerException.class);
        assertThat(codec.buffer().position()).isZero();
    }
}
