package io.gomsggw.core.store.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.store.StatusTransition;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log keeps records in LSN order across reopening, cuts a torn tail of its last segment,
 * refuses damage elsewhere, and deletes only closed segments that are applied.
 */
class MessageLogTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path dir;

    private MessageLog log;

    @AfterEach
    void close() {
        if (log != null) {
            log.close();
        }
    }

    private record Seen(long lsn, LogRecord record) {}

    private static LogRecord inserted(String id) {
        return new LogRecord.Inserted(LogRecordCodecTest.minimalMessage(id));
    }

    private static LogRecord changed(String id, MessageStatus status) {
        return new LogRecord.Changed(new StatusTransition(id, status, T0.plusSeconds(1), "because", 1, "c-" + id));
    }

    private MessageLog reopen(long appliedLsn) throws IOException {
        if (log != null) {
            log.close();
        }
        log = MessageLog.open(dir, appliedLsn, false);
        return log;
    }

    private List<Seen> replay(long afterLsn) throws IOException {
        List<Seen> seen = new ArrayList<>();
        log.replay(afterLsn, (lsn, record) -> seen.add(new Seen(lsn, record)));
        return seen;
    }

    private List<Long> replayedLsns(long afterLsn) throws IOException {
        return replay(afterLsn).stream().map(Seen::lsn).toList();
    }

    private List<String> segmentNames() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private long filesSize() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            long total = 0;
            for (Path p : files.toList()) {
                total += Files.size(p);
            }
            return total;
        }
    }

    private Path segment(long firstLsn) {
        return dir.resolve(String.format("%020d.log", firstLsn));
    }

    private static void flipByte(Path file, long offset) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, offset);
            channel.write(ByteBuffer.wrap(new byte[] {(byte) (one.get(0) ^ 0x10)}), offset);
        }
    }

    private static void truncateBy(Path file, long bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - bytes);
        }
    }

    @Test
    void recordsAreReplayedInOrderAcrossReopenWithConsecutiveLsns() throws IOException {
        reopen(0);
        assertThat(log.lastLsn()).isZero();
        assertThat(log.append(List.of(inserted("a"), changed("a", MessageStatus.SENT), inserted("b"))))
                .isEqualTo(3);
        assertThat(log.append(List.of(changed("b", MessageStatus.DELIVERED)))).isEqualTo(4);
        assertThat(log.append(List.of())).isEqualTo(4);
        assertThat(log.sizeBytes()).isEqualTo(filesSize());

        reopen(0);
        assertThat(log.lastLsn()).isEqualTo(4);
        assertThat(replay(0))
                .containsExactly(
                        new Seen(1, inserted("a")),
                        new Seen(2, changed("a", MessageStatus.SENT)),
                        new Seen(3, inserted("b")),
                        new Seen(4, changed("b", MessageStatus.DELIVERED)));
        assertThat(log.append(List.of(inserted("c")))).isEqualTo(5);
        assertThat(replay(3))
                .containsExactly(new Seen(4, changed("b", MessageStatus.DELIVERED)), new Seen(5, inserted("c")));

        reopen(0);
        assertThat(replayedLsns(0)).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(log.sizeBytes()).isEqualTo(filesSize());
    }

    @Test
    void anAppliedLsnPastTheDiskMovesTheNextLsnPastIt() throws IOException {
        reopen(50);
        assertThat(log.lastLsn()).isEqualTo(50);
        assertThat(log.append(List.of(inserted("a"), inserted("b")))).isEqualTo(52);
        assertThat(segmentNames()).containsExactly("00000000000000000051.log");

        reopen(100);
        assertThat(log.lastLsn()).isEqualTo(100);
        assertThat(log.append(List.of(inserted("c")))).isEqualTo(101);
        reopen(0);
        assertThat(replayedLsns(0)).containsExactly(51L, 52L, 101L);
        assertThat(log.lastLsn()).isEqualTo(101);
    }

    @Test
    void largeMediaSurviveTheLog() throws IOException {
        reopen(0);
        Message mms = LogRecordCodecTest.fullMessage("m-big");
        log.append(List.of(inserted("a"), new LogRecord.Inserted(mms), inserted("b"), new LogRecord.Inserted(mms)));
        reopen(0);
        assertThat(replay(1))
                .containsExactly(
                        new Seen(2, new LogRecord.Inserted(mms)),
                        new Seen(3, inserted("b")),
                        new Seen(4, new LogRecord.Inserted(mms)));
    }

    @Test
    void forcedAppendsAreReadBack() throws IOException {
        log = MessageLog.open(dir, 0, true);
        log.append(List.of(inserted("a")));
        log.rotate();
        log.append(List.of(inserted("b")));
        reopen(0);
        assertThat(replayedLsns(0)).containsExactly(1L, 2L);
    }

    @Test
    void aTruncatedTailIsCutAndAppendsGoOnAfterTheLastWholeRecord() throws IOException {
        reopen(0);
        log.append(List.of(inserted("a")));
        log.append(List.of(inserted("b"), inserted("c")));
        log.close();
        truncateBy(segment(1), 3);

        reopen(0);
        assertThat(log.lastLsn()).isEqualTo(2);
        assertThat(replay(0)).containsExactly(new Seen(1, inserted("a")), new Seen(2, inserted("b")));
        assertThat(log.sizeBytes()).isEqualTo(filesSize());
        assertThat(log.append(List.of(inserted("d")))).isEqualTo(3);

        reopen(0);
        assertThat(replay(0))
                .containsExactly(new Seen(1, inserted("a")), new Seen(2, inserted("b")), new Seen(3, inserted("d")));
    }

    @Test
    void garbageAfterTheLastRecordIsCut() throws IOException {
        reopen(0);
        log.append(List.of(inserted("a"), inserted("b")));
        long size = log.sizeBytes();
        log.close();
        for (byte[] garbage : List.of(
                new byte[5],
                new byte[] {0, 0, 0, 4, 1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 3, 9, 9, 9, 9},
                new byte[] {(byte) 0x7f, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17})) {
            Files.write(segment(1), garbage, StandardOpenOption.APPEND);
            reopen(0);
            assertThat(Files.size(segment(1))).isEqualTo(size);
            assertThat(replayedLsns(0)).containsExactly(1L, 2L);
            log.close();
        }
    }

    @Test
    void aLastSegmentWithoutAWholeRecordIsDeleted() throws IOException {
        reopen(0);
        log.append(List.of(inserted("a")));
        log.rotate();
        log.append(List.of(inserted("b")));
        log.close();
        truncateBy(segment(2), Files.size(segment(2)) - 10);

        reopen(0);
        assertThat(segmentNames()).containsExactly("00000000000000000001.log");
        assertThat(log.lastLsn()).isEqualTo(1);
        assertThat(log.append(List.of(inserted("c")))).isEqualTo(2);
        reopen(0);
        assertThat(replay(0)).containsExactly(new Seen(1, inserted("a")), new Seen(2, inserted("c")));
    }

    /** A flipped bit cannot be told from a torn write: the last segment is cut at the damaged record. */
    @Test
    void aFlippedByteInTheLastSegmentCutsFromThatRecordOn() throws IOException {
        reopen(0);
        log.append(List.of(inserted("a")));
        long firstRecordEnd = log.sizeBytes();
        log.append(List.of(inserted("b")));
        log.append(List.of(inserted("c")));
        log.close();
        flipByte(segment(1), firstRecordEnd + MessageLog.FRAME_HEADER_BYTES + 5);

        reopen(0);
        assertThat(replay(0)).containsExactly(new Seen(1, inserted("a")));
        assertThat(Files.size(segment(1))).isEqualTo(firstRecordEnd);
        assertThat(log.append(List.of(inserted("d")))).isEqualTo(2);
    }

    @Test
    void aFlippedByteInAnEarlierSegmentIsCorruption() throws IOException {
        reopen(0);
        log.append(List.of(inserted("a"), inserted("b")));
        log.rotate();
        log.append(List.of(inserted("c")));
        log.close();
        log = null;
        flipByte(segment(1), MessageLog.HEADER_BYTES + MessageLog.FRAME_HEADER_BYTES + 5);

        assertThatThrownBy(() -> MessageLog.open(dir, 0, false))
                .isInstanceOfSatisfying(LogCorruptedException.class, e -> {
                    assertThat(e.file()).isEqualTo(segment(1));
                    assertThat(e.offset()).isEqualTo(MessageLog.HEADER_BYTES);
                })
                .hasMessageContaining("00000000000000000001.log")
                .hasMessageContaining("checksum");
        assertThat(Files.size(segment(1))).as("nothing cut").isGreaterThan(MessageLog.HEADER_BYTES);
    }

    @Test
    void anUnknownFormatVersionIsRefused() throws IOException {
        reopen(0);
        log.append(List.of(inserted("a")));
        log.close();
        log = null;
        flipByte(segment(1), 7);

        assertThatThrownBy(() -> MessageLog.open(dir, 0, false))
                .isInstanceOf(LogCorruptedException.class)
                .hasMessageContaining("unknown format version 17");
    }

    @Test
    void deleteThroughDeletesOnlyClosedAppliedSegments() throws IOException {
        reopen(0);
        log.append(List.of(inserted("a"), inserted("b")));
        log.rotate();
        log.rotate();
        log.append(List.of(inserted("c")));
        log.rotate();
        log.append(List.of(inserted("d"), inserted("e")));
        assertThat(segmentNames())
                .containsExactly("00000000000000000001.log", "00000000000000000003.log", "00000000000000000004.log");

        assertThat(log.deleteThrough(1)).isZero();
        assertThat(log.deleteThrough(2)).isEqualTo(1);
        assertThat(log.deleteThrough(100)).as("the current segment stays").isEqualTo(1);
        assertThat(segmentNames()).containsExactly("00000000000000000004.log");
        assertThat(log.sizeBytes()).isEqualTo(filesSize());

        log.rotate();
        assertThat(log.deleteThrough(4)).as("e (5) is not applied").isZero();
        assertThat(log.deleteThrough(5)).isEqualTo(1);
        assertThat(segmentNames()).isEmpty();
        assertThat(log.sizeBytes()).isZero();
        assertThat(log.append(List.of(inserted("f")))).isEqualTo(6);
        assertThat(replayedLsns(0)).containsExactly(6L);

        reopen(5);
        assertThat(replayedLsns(5)).containsExactly(6L);
        assertThat(log.append(List.of(inserted("g")))).isEqualTo(7);
    }

    @Test
    void anAppendDoesNotWaitForASegmentBeingDeleted() throws Exception {
        CountDownLatch deleting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        LogFiles slowDelete = new WatchedLogFiles() {
            @Override
            public void delete(Path path) throws IOException {
                if (path.getFileName().toString().equals("00000000000000000001.log")) {
                    deleting.countDown();
                    awaitUninterruptibly(release);
                }
                super.delete(path);
            }
        };
        log = MessageLog.open(dir, 0, true, slowDelete, MessageLog.DEFAULT_SEGMENT_BYTES);
        log.append(List.of(inserted("a")));
        log.rotate();
        log.append(List.of(inserted("b")));
        ExecutorService applier = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> deleted = applier.submit(() -> log.deleteThrough(1));
            deleting.await();

            assertThat(log.append(List.of(inserted("c"))))
                    .as("appended while the old segment's file is being deleted")
                    .isEqualTo(3);
            release.countDown();
            assertThat(deleted.get()).isEqualTo(1);
        } finally {
            release.countDown();
            applier.shutdown();
        }
        assertThat(segmentNames()).containsExactly("00000000000000000002.log");
        assertThat(log.sizeBytes()).isEqualTo(filesSize());
        reopen(0);
        assertThat(replayedLsns(0)).containsExactly(2L, 3L);
    }

    @Test
    void aSegmentThatCannotBeDeletedIsKeptWithTheLaterOnes() throws IOException {
        LogFiles failingDelete = new WatchedLogFiles() {
            @Override
            public void delete(Path path) throws IOException {
                if (path.getFileName().toString().equals("00000000000000000002.log")) {
                    throw new IOException("Permission denied");
                }
                super.delete(path);
            }
        };
        log = MessageLog.open(dir, 0, false, failingDelete, MessageLog.DEFAULT_SEGMENT_BYTES);
        for (String id : List.of("a", "b", "c")) {
            log.append(List.of(inserted(id)));
            log.rotate();
        }
        log.append(List.of(inserted("d")));

        assertThatThrownBy(() -> log.deleteThrough(3))
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageContaining("00000000000000000002.log");
        assertThat(segmentNames())
                .containsExactly("00000000000000000002.log", "00000000000000000003.log", "00000000000000000004.log");
        assertThat(log.sizeBytes()).isEqualTo(filesSize());
        assertThat(log.canDeleteThrough(3)).isTrue();
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aFullSegmentRotatesByItself() throws IOException {
        log = MessageLog.open(dir, 0, false, LogFiles.SYSTEM, 1024);
        for (int i = 1; i <= 40; i++) {
            assertThat(log.append(List.of(changed("m-" + i, MessageStatus.SENT))))
                    .isEqualTo(i);
        }
        List<String> names = segmentNames();
        assertThat(names).hasSizeGreaterThan(2);
        for (String name : names) {
            assertThat(Files.size(dir.resolve(name))).isLessThan(1024 + 200);
        }
        assertThat(log.sizeBytes()).isEqualTo(filesSize());

        reopen(0);
        assertThat(replayedLsns(0)).hasSize(40).isSorted().startsWith(1L).endsWith(40L);
        assertThat(log.deleteThrough(40)).isEqualTo(names.size());
    }

    @Test
    void appendAfterCloseIsRefused() throws IOException {
        reopen(0);
        log.close();
        log.close();
        assertThatThrownBy(() -> log.append(List.of(inserted("a")))).isInstanceOf(IllegalStateException.class);
    }
}
