package io.gomsggw.core.store.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gomsggw.core.crypto.SecretCipher;
import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.MessageType;
import io.gomsggw.core.model.StatusChange;
import io.gomsggw.core.store.MessageQuery;
import io.gomsggw.core.store.Page;
import io.gomsggw.core.store.ResumeCursor;
import io.gomsggw.core.store.StatusTransition;
import io.gomsggw.core.store.StoreException;
import io.gomsggw.core.store.jdbi.JdbiStores;
import io.gomsggw.core.testing.Eventually;
import io.gomsggw.core.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoggedMessageStoreTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    /** Nothing reaches the tables unless a read asks for it, or at close. */
    private static final LoggedMessageStore.Settings NEVER_ON_ITS_OWN =
            LoggedMessageStore.Settings.DEFAULTS.withSettle(Duration.ofHours(1));

    @TempDir
    Path directory;

    private final JdbiStores stores = new JdbiStores(
            TestDatabases.h2InMemory(),
            SecretCipher.fromKeyString(SecretCipher.generateKeyString()),
            Clock.fixed(T0, ZoneOffset.UTC));
    private final FailingTarget target = new FailingTarget(stores.messageLogTarget());
    private final List<LoggedMessageStore> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        target.failing = false;
        opened.forEach(LoggedMessageStore::close);
    }

    private LoggedMessageStore open(LoggedMessageStore.Settings settings) throws IOException {
        LoggedMessageStore store = LoggedMessageStore.open(directory, target, settings);
        opened.add(store);
        return store;
    }

    @Test
    void writesAreReadableAtOnceAndReachTheTablesInTheirFinalStateWithOneInsert() throws IOException {
        LoggedMessageStore store = open(NEVER_ON_ITS_OWN);
        Message m = message(1);
        store.insertAll(List.of(m));
        store.transitionAll(List.of(
                new StatusTransition(m.id(), MessageStatus.DISPATCHING, T0.plusSeconds(1), null, 1),
                new StatusTransition(m.id(), MessageStatus.SENT, T0.plusSeconds(2), null, 1, "carrier-7")));

        assertThat(stores.messages().find(m.id())).as("not in the tables yet").isEmpty();
        assertThat(store.find(m.id()).orElseThrow())
                .extracting(Message::status, Message::attempts, Message::carrierMessageId)
                .containsExactly(MessageStatus.SENT, 1, "carrier-7");
        assertThat(store.findAwaitingReport("loop", "carrier-7"))
                .map(Message::id)
                .contains(m.id());
        assertThat(store.findAwaitingReport("other-carrier", "carrier-7")).isEmpty();
        assertThat(store.history(m.id()))
                .extracting(StatusChange::status)
                .containsExactly(MessageStatus.QUEUED, MessageStatus.DISPATCHING, MessageStatus.SENT);

        Page<Message> page = store.search(everything());

        assertThat(page.items()).extracting(Message::status).containsExactly(MessageStatus.SENT);
        assertThat(target.inserted).as("one insert, no update").hasValue(1);
        assertThat(target.updatedBefore).hasValue(0);
        assertThat(stores.messages().history(m.id())).hasSize(3);
        assertThat(target.appliedLsn()).isEqualTo(3);
    }

    @Test
    void changesOfAMessageAlreadyInTheTablesAreMergedIntoItsRowWhenRead() throws IOException {
        LoggedMessageStore store = open(NEVER_ON_ITS_OWN);
        Message m = message(2);
        store.insertAll(List.of(m));
        store.search(everything());
        store.transitionAll(
                List.of(new StatusTransition(m.id(), MessageStatus.FAILED, T0.plusSeconds(5), "rejected", 1)));

        assertThat(store.find(m.id()).orElseThrow())
                .extracting(Message::status, Message::lastError)
                .containsExactly(MessageStatus.FAILED, "rejected");
        assertThat(stores.messages().find(m.id()).orElseThrow().status()).isEqualTo(MessageStatus.QUEUED);
        assertThat(store.history(m.id()))
                .as("read after the tables caught up")
                .extracting(StatusChange::status)
                .containsExactly(MessageStatus.QUEUED, MessageStatus.FAILED);
        assertThat(stores.messages().find(m.id()).orElseThrow().status()).isEqualTo(MessageStatus.FAILED);
    }

    @Test
    void recordsLoggedButNotAppliedWhenTheProcessDiesAreAppliedAtTheNextOpenExactlyOnce() throws IOException {
        LoggedMessageStore first = open(NEVER_ON_ITS_OWN);
        List<Message> applied =
                IntStream.range(0, 50).mapToObj(LoggedMessageStoreTest::message).toList();
        List<Message> onlyLogged = IntStream.range(50, 120)
                .mapToObj(LoggedMessageStoreTest::message)
                .toList();
        first.insertAll(applied);
        first.search(everything());
        first.insertAll(onlyLogged);
        first.transitionAll(List.of(
                new StatusTransition(applied.get(0).id(), MessageStatus.DELIVERED, T0.plusSeconds(9), null, 1)));
        target.failing = true; // the database is gone with the process: close writes nothing more
        first.close();
        assertThat(stores.messages().find(onlyLogged.get(0).id())).isEmpty();
        target.failing = false;

        LoggedMessageStore second = open(NEVER_ON_ITS_OWN);

        for (Message m : onlyLogged) {
            assertThat(stores.messages().find(m.id()))
                    .as("replayed into the tables at open")
                    .contains(m);
        }
        assertThat(stores.messages().find(applied.get(0).id()).orElseThrow().status())
                .isEqualTo(MessageStatus.DELIVERED);
        assertThat(stores.messages().history(applied.get(0).id()))
                .extracting(StatusChange::status)
                .containsExactly(MessageStatus.QUEUED, MessageStatus.DELIVERED);
        assertThat(second.findToResume(null, 1000)).hasSize(119);
        assertThat(target.appliedLsn()).isEqualTo(121);

        second.insertAll(List.of(message(500)));
        second.close();
        assertThat(target.appliedLsn()).as("LSNs go on after the replayed ones").isEqualTo(122);
        assertThat(LoggedMessageStore.open(directory, target, NEVER_ON_ITS_OWN).unappliedCount())
                .isZero();
    }

    @Test
    void aMessageWhoseChangesAreLoggedAfterItsBatchEndsIsStillWrittenWithOneInsert() throws IOException {
        LoggedMessageStore store = open(settings(Duration.ofHours(1), 2, 1000, Duration.ofSeconds(10)));
        Message m1 = message(1);
        Message m2 = message(2);
        store.insertAll(List.of(m1, m2));
        store.transitionAll(List.of(
                new StatusTransition(m1.id(), MessageStatus.SENT, T0.plusSeconds(1), null, 1),
                new StatusTransition(m1.id(), MessageStatus.DELIVERED, T0.plusSeconds(2), "delivered", 1)));
        store.insertAll(List.of(message(3)));

        store.search(everything()); // batches of two: [m1, m2] with m1's two changes ahead, then [m3]

        assertThat(target.inserted).hasValue(3);
        assertThat(target.updatedBefore).as("no row written twice").hasValue(0);
        assertThat(stores.messages().history(m1.id()))
                .extracting(StatusChange::status)
                .containsExactly(MessageStatus.QUEUED, MessageStatus.SENT, MessageStatus.DELIVERED);
        assertThat(target.appliedLsn()).isEqualTo(5);
        assertThat(store.unappliedCount()).isZero();
    }

    @Test
    void changesWrittenAheadBeforeTheProcessDiedAreNotWrittenAgainAtTheNextOpen() throws IOException {
        LoggedMessageStore first = open(settings(Duration.ofHours(1), 2, 1000, Duration.ofMillis(300)));
        Message m1 = message(1);
        first.insertAll(List.of(m1, message(2)));
        first.transitionAll(List.of(
                new StatusTransition(m1.id(), MessageStatus.SENT, T0.plusSeconds(1), null, 1),
                new StatusTransition(m1.id(), MessageStatus.DELIVERED, T0.plusSeconds(2), "delivered", 1)));
        first.insertAll(List.of(message(3)));
        target.writesBeforeFailing.set(1); // the first batch and m1's changes ahead of it, then the database is gone
        assertThatThrownBy(() -> first.search(everything())).isInstanceOf(StoreException.class);
        target.failing = true;
        first.close();
        assertThat(target.appliedLsn()).isEqualTo(2);
        assertThat(stores.messages().find(m1.id()).orElseThrow().status()).isEqualTo(MessageStatus.DELIVERED);
        target.failing = false;
        target.writesBeforeFailing.set(Integer.MAX_VALUE);

        open(NEVER_ON_ITS_OWN);

        assertThat(stores.messages().history(m1.id()))
                .as("each change once")
                .extracting(StatusChange::status)
                .containsExactly(MessageStatus.QUEUED, MessageStatus.SENT, MessageStatus.DELIVERED);
        assertThat(stores.messages().find(message(3).id())).as("replayed").isPresent();
        assertThat(target.appliedLsn()).isEqualTo(5);
    }

    @Test
    void whileTheDatabaseFailsNothingIsSkippedAndEverythingArrivesOnceItIsBack() throws IOException {
        LoggedMessageStore store = open(LoggedMessageStore.Settings.DEFAULTS.withSettle(Duration.ZERO));
        target.failing = true;
        List<Message> messages =
                IntStream.range(0, 20).mapToObj(LoggedMessageStoreTest::message).toList();
        messages.forEach(m -> store.insertAll(List.of(m)));

        Eventually.await("the applier has tried", () -> target.refused.get() > 0);
        assertThat(store.find(messages.get(7).id()))
                .as("still answered from memory")
                .isPresent();
        target.failing = false;

        Eventually.await("everything applied", () -> store.unappliedCount() == 0);
        for (Message m : messages) {
            assertThat(stores.messages().find(m.id())).contains(m);
        }
    }

    @Test
    void aReadThatNeedsTheTablesFailsClearlyWhenTheyCannotCatchUp() throws IOException {
        LoggedMessageStore store = open(settings(Duration.ofHours(1), 100, 1000, Duration.ofMillis(200)));
        target.failing = true;
        store.insertAll(List.of(message(1)));

        assertThatThrownBy(() -> store.search(everything()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("not yet written to the database");
    }

    @Test
    void writesWaitWhileTooManyRecordsWaitForTheTables() throws IOException {
        LoggedMessageStore store = open(settings(Duration.ZERO, 100, 5, Duration.ofSeconds(10)));
        target.failing = true;
        store.insertAll(
                IntStream.range(0, 5).mapToObj(LoggedMessageStoreTest::message).toList());

        CompletableFuture<Void> sixth = CompletableFuture.runAsync(() -> store.insertAll(List.of(message(5))));
        Eventually.await("the applier has tried", () -> target.refused.get() > 0);
        assertThat(sixth).as("waits for room").isNotDone();
        target.failing = false;

        sixth.join();
        Eventually.await("everything applied", () -> store.unappliedCount() == 0);
        assertThat(stores.messages().find(message(5).id())).isPresent();
    }

    @Test
    void writesWaitWhilePhotosPastTheMediaBoundWaitForTheTables() throws IOException {
        int photoBytes = 1024 * 1024;
        LoggedMessageStore store = open(new LoggedMessageStore.Settings(
                Duration.ZERO, 100, 200_000, 3L * photoBytes, Duration.ofSeconds(10), false));
        target.failing = true;
        List<Message> photos = IntStream.range(0, 4)
                .mapToObj(i -> message(i).toBuilder()
                        .type(MessageType.MMS)
                        .media(List.of(new MediaPart("p" + i + ".jpg", "image/jpeg", new byte[photoBytes])))
                        .build())
                .toList();
        photos.subList(0, 3).forEach(m -> store.insertAll(List.of(m)));

        CompletableFuture<Void> fourth = CompletableFuture.runAsync(() -> store.insertAll(List.of(photos.get(3))));
        Eventually.await("the applier has tried", () -> target.refused.get() > 0);
        assertThat(fourth).as("waits until the photos in memory are written").isNotDone();
        target.failing = false;

        fourth.join();
        Eventually.await("everything applied", () -> store.unappliedCount() == 0);
        assertThat(stores.messages().find(photos.get(3).id())).isPresent();
    }

    @Test
    void twentyBatchesWaitingAreWrittenWithoutWaitingForThemToSettle() throws IOException {
        LoggedMessageStore store = open(settings(Duration.ofHours(1), 2, 1000, Duration.ofSeconds(10)));
        List<Message> messages =
                IntStream.range(0, 45).mapToObj(LoggedMessageStoreTest::message).toList();
        messages.forEach(m -> store.insertAll(List.of(m)));

        Eventually.await("the oldest written, two at a time", () -> target.appliedLsn() >= 5);
        assertThat(store.unappliedCount()).isGreaterThanOrEqualTo(39);
        assertThat(stores.messages().find(messages.get(0).id())).isPresent();
    }

    @Test
    void photosWaitingPastTheMemoryBoundAreWrittenWithoutWaitingForThemToSettle() throws IOException {
        LoggedMessageStore store = open(NEVER_ON_ITS_OWN);
        int photoBytes = 1024 * 1024;
        int photos = (int) (UnappliedRecords.CROWDED_MEDIA_BYTES / photoBytes);
        List<Message> messages = IntStream.range(0, photos)
                .mapToObj(i -> message(i).toBuilder()
                        .type(MessageType.MMS)
                        .media(List.of(new MediaPart("p" + i + ".jpg", "image/jpeg", new byte[photoBytes])))
                        .build())
                .toList();
        messages.subList(0, photos - 1).forEach(m -> store.insertAll(List.of(m)));
        store.insertAll(List.of(message(photos))); // no media: the photos alone stay under the bound
        assertThat(store.unappliedCount()).isEqualTo(photos);

        store.insertAll(List.of(messages.get(photos - 1)));

        Eventually.await("the photos written to the tables", () -> store.unappliedCount() == 0);
        assertThat(stores.messages().find(messages.get(0).id()).orElseThrow().media())
                .singleElement()
                .satisfies(part -> assertThat(part.content()).hasSize(photoBytes));
    }

    @Test
    void aTransactionCarriesAtMostTheMemoryBoundOfPhotosUnlessOnePhotoIsLarger() throws IOException {
        LoggedMessageStore store = open(NEVER_ON_ITS_OWN);
        int photoBytes = 5 * 1024 * 1024;
        for (int i = 0; i < 3; i++) {
            store.insertAll(List.of(message(i).toBuilder()
                    .type(MessageType.MMS)
                    .media(List.of(new MediaPart("p" + i + ".jpg", "image/jpeg", new byte[photoBytes])))
                    .build()));
        }

        store.awaitLogged();
        assertThat(target.inserted.get()).isEqualTo(3);
        assertThat(target.mostMediaPerWrite.get()).isEqualTo(photoBytes);

        store.insertAll(List.of(message(3).toBuilder()
                .type(MessageType.MMS)
                .media(List.of(new MediaPart("big.jpg", "image/jpeg", new byte[9 * 1024 * 1024])))
                .build()));
        store.awaitLogged();
        assertThat(target.mostMediaPerWrite.get())
                .as("a photo over the bound, alone")
                .isEqualTo(9 * 1024 * 1024);
    }

    @Test
    void whenForcingTheTablesAreForcedAfterABatchThoughNoSegmentCanBeDeletedYet() throws IOException {
        LoggedMessageStore store = open(NEVER_ON_ITS_OWN.withForce(true));
        store.insertAll(List.of(message(1)));

        store.awaitLogged();

        Eventually.await(
                "the tables forced after the batch, the log's only segment still open", () -> target.syncs.get() == 1);
    }

    @Test
    void writesAfterCloseAreRefused() throws IOException {
        LoggedMessageStore store = open(NEVER_ON_ITS_OWN);
        store.close();

        assertThatThrownBy(() -> store.insertAll(List.of(message(1)))).isInstanceOf(StoreException.class);
    }

    private static MessageQuery everything() {
        return new MessageQuery(null, null, null, null, null, null, null, 1, 200);
    }

    private static Message message(int i) {
        return Message.builder()
                .id(String.format("01900000-0000-7000-8000-%012d", i))
                .from("+12505550001")
                .to("+16045550002")
                .text("message " + i + " ✓")
                .clientId(1L)
                .carrier("loop")
                .serverId("node-1")
                .createdAt(T0.plusMillis(i))
                .build();
    }

    /** The real target, counting what it writes, that can be made to fail like a database that is down. */
    private static final class FailingTarget implements LogTarget {
        private final LogTarget delegate;
        volatile boolean failing;
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger inserted = new AtomicInteger();
        final AtomicInteger updatedBefore = new AtomicInteger();
        final AtomicInteger syncs = new AtomicInteger();
        /** The most media bytes one write carried. */
        final AtomicLong mostMediaPerWrite = new AtomicLong();
        /** Writes that succeed before the database goes away. */
        final AtomicInteger writesBeforeFailing = new AtomicInteger(Integer.MAX_VALUE);

        FailingTarget(LogTarget delegate) {
            this.delegate = delegate;
        }

        @Override
        public void writeAll(List<LogEntry> entries, long throughLsn) {
            if (failing || writesBeforeFailing.getAndDecrement() <= 0) {
                refused.incrementAndGet();
                throw new StoreException("database unreachable");
            }
            Set<String> insertedHere = new HashSet<>();
            long media = 0;
            for (LogEntry entry : entries) {
                if (entry.record() instanceof LogRecord.Inserted insert) {
                    media += insert.message().media().stream()
                            .mapToLong(MediaPart::size)
                            .sum();
                    inserted.incrementAndGet();
                    insertedHere.add(entry.messageId());
                } else if (!insertedHere.contains(entry.messageId())) {
                    updatedBefore.incrementAndGet();
                }
            }
            mostMediaPerWrite.accumulateAndGet(media, Math::max);
            delegate.writeAll(entries, throughLsn);
        }

        @Override
        public Map<String, Long> lastLsns(Collection<String> ids) {
            return delegate.lastLsns(ids);
        }

        @Override
        public long appliedLsn() {
            return delegate.appliedLsn();
        }

        @Override
        public void sync() {
            syncs.incrementAndGet();
            delegate.sync();
        }

        @Override
        public void insertAll(List<Message> messages) {
            throw new AssertionError("the logged store writes through writeAll with a position");
        }

        @Override
        public Optional<Message> find(String id) {
            return delegate.find(id);
        }

        @Override
        public List<StatusChange> history(String id) {
            return delegate.history(id);
        }

        @Override
        public boolean transition(String id, MessageStatus status, Instant at, String reason, int attempts) {
            throw new AssertionError("the logged store writes through writeAll with a position");
        }

        @Override
        public Optional<Message> findAwaitingReport(String carrier, String carrierMessageId) {
            return delegate.findAwaitingReport(carrier, carrierMessageId);
        }

        @Override
        public List<Message> findToResume(ResumeCursor after, int limit) {
            return delegate.findToResume(after, limit);
        }

        @Override
        public List<Message> findDue(java.time.Instant dueBy, String owner, int limit) {
            return delegate.findDue(dueBy, owner, limit);
        }

        @Override
        public Optional<java.time.Instant> nextDue(String owner) {
            return delegate.nextDue(owner);
        }

        @Override
        public int claimFinal(List<String> ids, String serverId) {
            return delegate.claimFinal(ids, serverId);
        }

        @Override
        public List<Message> findUndelivered(
                long targetClientId, java.time.Instant since, java.time.Instant until, ResumeCursor after, int limit) {
            return delegate.findUndelivered(targetClientId, since, until, after, limit);
        }

        @Override
        public io.gomsggw.core.store.Page<Message> search(MessageQuery query) {
            return delegate.search(query);
        }
    }

    /** Settings that never force, with the default bound on waiting media. */
    private static LoggedMessageStore.Settings settings(
            Duration settle, int maxApplyBatch, int maxUnapplied, Duration readWait) {
        return new LoggedMessageStore.Settings(
                settle,
                maxApplyBatch,
                maxUnapplied,
                LoggedMessageStore.Settings.DEFAULT_MAX_UNAPPLIED_MEDIA_BYTES,
                readWait,
                false);
    }
}
