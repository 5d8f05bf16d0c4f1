package io.gomsggw.core.store.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gomsggw.core.crypto.SecretCipher;
import io.gomsggw.core.dispatch.MessageJournal;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.store.StatusTransition;
import io.gomsggw.core.store.StoreException;
import io.gomsggw.core.store.jdbi.JdbiStores;
import io.gomsggw.core.testing.Eventually;
import io.gomsggw.core.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The message log with {@code DURABILITY=fsync}: an acknowledgement waits for the force of the
 * bytes that hold it, one force per group commit; and a full disk: writes are refused while it
 * lasts and taken again by themselves afterwards, with nothing acknowledged lost.
 */
class LogDurabilityTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final LoggedMessageStore.Settings FORCED = new LoggedMessageStore.Settings(
            Duration.ofHours(1),
            1_000,
            200_000,
            LoggedMessageStore.Settings.DEFAULT_MAX_UNAPPLIED_MEDIA_BYTES,
            Duration.ofSeconds(10),
            true);

    @TempDir
    Path directory;

    private final JdbiStores stores = new JdbiStores(
            TestDatabases.h2InMemory(),
            SecretCipher.fromKeyString(SecretCipher.generateKeyString()),
            Clock.fixed(T0, ZoneOffset.UTC));
    private final WatchedLogFiles files = new WatchedLogFiles();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        files.forcePermits = null;
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    private LoggedMessageStore open(LoggedMessageStore.Settings settings) throws IOException {
        LoggedMessageStore store = LoggedMessageStore.open(directory, stores.messageLogTarget(), settings, files);
        opened.add(store);
        return store;
    }

    @Test
    void anAcknowledgementWaitsForTheForceOfItsBytesAndAGroupCommitIsOneForce() throws Exception {
        LoggedMessageStore store = open(FORCED);
        MessageJournal journal = new MessageJournal(store, 10_000, 5_000, 1_000, Duration.ZERO);
        opened.add(journal);
        Semaphore permits = new Semaphore(0);
        files.forcePermits = permits;

        CompletableFuture<Void> first = journal.insert(message(1));
        assertThat(files.forceEntered.await(10, TimeUnit.SECONDS))
                .as("the first append is forced")
                .isTrue();
        assertThat(logBytes()).as("written to the file").contains("message 1");
        // Stuck in the force: more messages queue behind it, and nothing is acknowledged.
        List<CompletableFuture<Void>> queued = new ArrayList<>();
        for (int i = 2; i <= 11; i++) {
            queued.add(journal.insert(message(i)));
        }
        Eventually.await("the queued messages wait for the writer", () -> journal.depth() == 10);
        assertThat(first).as("acknowledged before its force returned").isNotDone();
        assertThat(queued).noneMatch(CompletableFuture::isDone);

        files.forceEntered = new CountDownLatch(1);
        permits.release();
        first.get(10, TimeUnit.SECONDS);
        assertThat(files.forceEntered.await(10, TimeUnit.SECONDS))
                .as("the second batch is forced")
                .isTrue();
        assertThat(logBytes()).as("the second batch is written").contains("message 11");
        assertThat(queued)
                .as("acknowledged before the force of their batch returned")
                .noneMatch(CompletableFuture::isDone);

        permits.release(100);
        CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(files.forces.get())
                .as("one force for the first message, one for the ten queued behind it")
                .isEqualTo(2);
    }

    @Test
    void anAppendWhoseForceFailedIsCutOffAndNothingBeforeIt() throws IOException {
        LoggedMessageStore store = open(FORCED);
        store.insertAll(List.of(message(1)));
        store.transitionAll(
                List.of(new StatusTransition(message(1).id(), MessageStatus.DISPATCHING, T0.plusSeconds(1), null, 1)));
        files.failingForces.set(1);
        assertThatThrownBy(() -> store.insertAll(List.of(message(2))))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("Input/output error");
        Eventually.await(
                "the log takes writes again", () -> store.writeFailure().isEmpty());
        store.insertAll(List.of(message(3)));
        store.close();

        LoggedMessageStore reopened = open(FORCED);
        assertThat(reopened.find(message(1).id()))
                .get()
                .extracting(Message::status)
                .isEqualTo(MessageStatus.DISPATCHING);
        assertThat(reopened.find(message(3).id())).isPresent();
        assertThat(reopened.find(message(2).id()))
                .as("its force failed: never acknowledged")
                .isEmpty();
    }

    @Test
    void withOsDurabilityNothingIsForcedPerAppend() throws IOException {
        LoggedMessageStore store = open(FORCED.withForce(false));
        store.insertAll(List.of(message(1)));
        store.insertAll(List.of(message(2)));
        assertThat(files.writes.get()).isEqualTo(2);
        assertThat(files.forces.get()).isZero();
    }

    @Test
    void aFullDiskRefusesWritesUntilAProbeWriteSucceedsAndLosesNothingAcknowledged() throws IOException {
        LoggedMessageStore store = open(FORCED);
        store.insertAll(List.of(message(1)));
        assertThat(store.writeFailure()).isEmpty();

        files.failingWrites.set(3);
        assertThatThrownBy(() -> store.insertAll(List.of(message(2))))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("No space left on device");
        assertThat(store.writeFailure())
                .hasValueSatisfying(why -> assertThat(why).contains("No space left on device"));

        // The recovery thread's probe writes take up the two other failures, then one succeeds.
        Eventually.await(
                "the log takes writes again", () -> store.writeFailure().isEmpty());
        assertThat(files.failingWrites.get()).isZero();
        store.insertAll(List.of(message(3)));
        assertThat(store.find(message(3).id())).isPresent();
        store.close();

        LoggedMessageStore reopened = open(FORCED);
        assertThat(reopened.find(message(1).id()))
                .as("acknowledged before the failure")
                .isPresent();
        assertThat(reopened.find(message(3).id()))
                .as("acknowledged after the recovery")
                .isPresent();
        assertThat(reopened.find(message(2).id()))
                .as("refused, never acknowledged")
                .isEmpty();
    }

    private String logBytes() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> segments = Files.list(directory)) {
            for (Path segment :
                    segments.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                all.append(new String(Files.readAllBytes(segment), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }

    private static Message message(int i) {
        return Message.builder()
                .id(String.format("01900000-0000-7000-8000-%012d", i))
                .from("+12505550001")
                .to("+16045550002")
                .text("message " + i)
                .clientId(1L)
                .carrier("loop")
                .serverId("node-1")
                .createdAt(T0.plusMillis(i))
                .build();
    }
}
