package io.gomsggw.core.store.log;

import io.gomsggw.core.model.Direction;
import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.MessageType;
import io.gomsggw.core.model.Protocol;
import io.gomsggw.core.store.HeldPart;
import io.gomsggw.core.store.HeldPartStore;
import io.gomsggw.core.store.PendingReceipt;
import io.gomsggw.core.store.PendingReceiptStore;
import io.gomsggw.core.store.StatusTransition;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The binary payload of a {@link LogRecord}, big-endian: one type byte ({@code 1} inserted,
 * {@code 2} changed, {@code 3} part held, {@code 4} parts released, {@code 5} receipt kept,
 * {@code 6} receipt dropped, {@code 7} changed with a retry time or a new delivery window), then the fields of the {@link Message}, {@link StatusTransition},
 * {@link HeldPart} or {@link PendingReceipt} in record component order (a release or a drop: the
 * message id).
 * <ul>
 *   <li>string: int byte length, then the UTF-8 bytes; length {@code -1} for null;
 *   <li>enum: its {@code wireName()} as a string;
 *   <li>nullable Long: a presence byte ({@code 0} null, {@code 1} present), then the long;
 *   <li>int: 4 bytes; Instant: epoch second long, then nano int; a nullable Instant (type 7's last
 *       two fields) has a presence byte like a nullable Long;
 *   <li>media: int count, then per part filename, content type (strings), int length and the bytes.
 * </ul>
 *
 * <p>An instance encodes into one growable direct buffer that is reused from record to record (a
 * buffer grown past {@value #RETAINED_CAPACITY} bytes is dropped on {@link #clear()}). Not
 * thread-safe; {@link #decode} is static and keeps no state.
 */
final class LogRecordCodec {
    private static final byte INSERTED = 1;
    private static final byte CHANGED = 2;
    private static final byte PART_HELD = 3;
    private static final byte PARTS_RELEASED = 4;
    private static final byte RECEIPT_KEPT = 5;
    private static final byte RECEIPT_DROPPED = 6;
    private static final byte CHANGED_WITH_TIMES = 7;
    private static final int INITIAL_CAPACITY = 64 * 1024;
    private static final int RETAINED_CAPACITY = 16 * 1024 * 1024;

    private ByteBuffer buffer = ByteBuffer.allocateDirect(INITIAL_CAPACITY);

    /** Empties the buffer for the next batch. */
    void clear() {
        if (buffer.capacity() > RETAINED_CAPACITY) {
            buffer = ByteBuffer.allocateDirect(INITIAL_CAPACITY);
        } else {
            buffer.clear();
        }
    }

    /** The buffer (in write mode: position = bytes written); a call to {@link #reserve} or {@link #encode} may replace it. */
    ByteBuffer buffer() {
        return buffer;
    }

    /** Makes room for {@code bytes} more bytes at the position and returns the (maybe new) buffer. */
    ByteBuffer reserve(int bytes) {
        if (buffer.remaining() < bytes) {
            int capacity = Math.max(buffer.capacity() * 2, buffer.position() + bytes);
            ByteBuffer bigger = ByteBuffer.allocateDirect(capacity);
            bigger.put(buffer.flip());
            buffer = bigger;
        }
        return buffer;
    }

    /**
     * Appends the payload of {@code record} at the buffer's position.
     *
     * @throws NullPointerException for a transition without status or time, before anything of it is written
     */
    void encode(LogRecord record) {
        if (record instanceof LogRecord.Inserted inserted) {
            reserve(1).put(INSERTED);
            putMessage(inserted.message());
        } else if (record instanceof LogRecord.PartChange part) {
            putPartChange(part.change());
        } else if (record instanceof LogRecord.ReceiptChange receipt) {
            putReceiptChange(receipt.change());
        } else {
            StatusTransition t = ((LogRecord.Changed) record).transition();
            Objects.requireNonNull(t.status(), "transition status");
            Objects.requireNonNull(t.at(), "transition at");
            boolean times = t.retryAt() != null || t.windowFrom() != null;
            reserve(1).put(times ? CHANGED_WITH_TIMES : CHANGED);
            putString(t.messageId());
            putString(t.status().wireName());
            putInstant(t.at());
            putString(t.reason());
            reserve(4).putInt(t.attempts());
            putString(t.carrierMessageId());
            if (times) {
                putNullableInstant(t.retryAt());
                putNullableInstant(t.windowFrom());
            }
        }
    }

    /**
     * Reads one record from {@code payload}'s position to its limit.
     *
     * @throws IllegalArgumentException        for an unknown type, a bad length or bytes left over
     * @throws java.nio.BufferUnderflowException when the payload ends early
     * @throws NullPointerException             when a field the model requires is null
     */
    static LogRecord decode(ByteBuffer payload) {
        byte type = payload.get();
        LogRecord record = switch (type) {
            case INSERTED -> new LogRecord.Inserted(readMessage(payload));
            case CHANGED ->
                new LogRecord.Changed(new StatusTransition(
                        readString(payload),
                        MessageStatus.fromWire(readString(payload)),
                        readInstant(payload),
                        readString(payload),
                        payload.getInt(),
                        readString(payload)));
            case CHANGED_WITH_TIMES ->
                new LogRecord.Changed(new StatusTransition(
                        readString(payload),
                        MessageStatus.fromWire(readString(payload)),
                        readInstant(payload),
                        readString(payload),
                        payload.getInt(),
                        readString(payload),
                        readNullableInstant(payload),
                        readNullableInstant(payload)));
            case PART_HELD -> new LogRecord.PartChange(new HeldPartStore.Hold(readPart(payload)));
            case PARTS_RELEASED -> new LogRecord.PartChange(new HeldPartStore.Release(readString(payload)));
            case RECEIPT_KEPT -> new LogRecord.ReceiptChange(new PendingReceiptStore.Keep(readReceipt(payload)));
            case RECEIPT_DROPPED -> new LogRecord.ReceiptChange(new PendingReceiptStore.Drop(readString(payload)));
            default -> throw new IllegalArgumentException("unknown record type " + type);
        };
        if (payload.hasRemaining()) {
            throw new IllegalArgumentException(payload.remaining() + " bytes after the record");
        }
        return record;
    }

    private void putMessage(Message m) {
        putString(m.id());
        putString(m.type().wireName());
        putString(m.direction().wireName());
        putString(m.from());
        putString(m.to());
        putString(m.text());
        reserve(4).putInt(m.media().size());
        for (MediaPart part : m.media()) {
            putString(part.filename());
            putString(part.contentType());
            reserve(4 + part.size()).putInt(part.size()).put(part.content());
        }
        putString(m.ingress().wireName());
        putLong(m.clientId());
        putLong(m.targetClientId());
        putString(m.carrier());
        putString(m.carrierMessageId());
        putString(m.status().wireName());
        reserve(4).putInt(m.attempts());
        putString(m.lastError());
        putString(m.serverId());
        putInstant(m.createdAt());
        putInstant(m.updatedAt());
        putString(m.externalRef());
    }

    /** Arguments are evaluated left to right (JLS 15.7.4), which is the order they were written in. */
    private static Message readMessage(ByteBuffer in) {
        return new Message(
                readString(in),
                MessageType.fromWire(readString(in)),
                Direction.fromWire(readString(in)),
                readString(in),
                readString(in),
                readString(in),
                readMedia(in),
                Protocol.fromWire(readString(in)),
                readLong(in),
                readLong(in),
                readString(in),
                readString(in),
                MessageStatus.fromWire(readString(in)),
                in.getInt(),
                readString(in),
                readString(in),
                readInstant(in),
                readInstant(in),
                readString(in),
                null,
                null,
                null);
    }

    private void putPartChange(HeldPartStore.Change change) {
        if (change instanceof HeldPartStore.Hold hold) {
            HeldPart p = hold.part();
            reserve(1).put(PART_HELD);
            reserve(8).putLong(p.clientId());
            putString(p.messageId());
            putString(p.source());
            putString(p.destination());
            reserve(24)
                    .putInt(p.reference())
                    .putInt(p.total())
                    .putInt(p.seqnum())
                    .putInt(p.dataCoding())
                    .putInt(p.registeredDelivery());
            byte[] payload = p.payload();
            reserve(4 + payload.length).putInt(payload.length).put(payload);
            putInstant(p.receivedAt());
        } else {
            reserve(1).put(PARTS_RELEASED);
            putString(((HeldPartStore.Release) change).messageId());
        }
    }

    private static HeldPart readPart(ByteBuffer in) {
        return new HeldPart(
                in.getLong(),
                readString(in),
                readString(in),
                readString(in),
                in.getInt(),
                in.getInt(),
                in.getInt(),
                in.getInt(),
                in.getInt(),
                readBytes(in, in.getInt()),
                readInstant(in));
    }

    private void putReceiptChange(PendingReceiptStore.Change change) {
        if (change instanceof PendingReceiptStore.Keep keep) {
            PendingReceipt r = keep.receipt();
            reserve(9).put(RECEIPT_KEPT).putLong(r.clientId());
            putString(r.messageId());
            putString(r.from());
            putString(r.to());
            putString(r.status().wireName());
            putInstant(r.submittedAt());
            putInstant(r.doneAt());
            putString(r.text());
        } else {
            reserve(1).put(RECEIPT_DROPPED);
            putString(((PendingReceiptStore.Drop) change).messageId());
        }
    }

    private static PendingReceipt readReceipt(ByteBuffer in) {
        return new PendingReceipt(
                in.getLong(),
                readString(in),
                readString(in),
                readString(in),
                MessageStatus.fromWire(readString(in)),
                readInstant(in),
                readInstant(in),
                readString(in));
    }

    private void putString(String s) {
        if (s == null) {
            reserve(4).putInt(-1);
        } else {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            reserve(4 + bytes.length).putInt(bytes.length).put(bytes);
        }
    }

    private void putLong(Long v) {
        if (v == null) {
            reserve(1).put((byte) 0);
        } else {
            reserve(9).put((byte) 1).putLong(v);
        }
    }

    private void putInstant(Instant t) {
        reserve(12).putLong(t.getEpochSecond()).putInt(t.getNano());
    }

    private void putNullableInstant(Instant t) {
        if (t == null) {
            reserve(1).put((byte) 0);
        } else {
            reserve(1).put((byte) 1);
            putInstant(t);
        }
    }

    private static Instant readNullableInstant(ByteBuffer in) {
        byte present = in.get();
        return switch (present) {
            case 0 -> null;
            case 1 -> readInstant(in);
            default -> throw new IllegalArgumentException("presence byte " + present);
        };
    }

    private static String readString(ByteBuffer in) {
        int length = in.getInt();
        return length == -1 ? null : new String(readBytes(in, length), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(ByteBuffer in, int length) {
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("length " + length + " with " + in.remaining() + " bytes left");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    private static List<MediaPart> readMedia(ByteBuffer in) {
        int count = in.getInt();
        if (count < 0 || count > in.remaining()) {
            throw new IllegalArgumentException("media count " + count);
        }
        List<MediaPart> media = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            media.add(new MediaPart(readString(in), readString(in), readBytes(in, in.getInt())));
        }
        return media;
    }

    private static Long readLong(ByteBuffer in) {
        byte present = in.get();
        return switch (present) {
            case 0 -> null;
            case 1 -> in.getLong();
            default -> throw new IllegalArgumentException("presence byte " + present);
        };
    }

    private static Instant readInstant(ByteBuffer in) {
        return Instant.ofEpochSecond(in.getLong(), in.getInt());
    }
}
