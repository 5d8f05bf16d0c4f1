package io.gomsggw.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.crypto.SecretCipher;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.StatusChange;
import io.gomsggw.core.store.MessageStore;
import io.gomsggw.core.store.jdbi.JdbiStores;
import io.gomsggw.core.testing.Eventually;
import io.gomsggw.core.testing.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The journal holds the status changes of a message that is not final and writes them together:
 * every change still reaches the history with its own time, in order, and a message whose
 * changes are held (or lost in a crash) is still found to resume.
 */
class MessageJournalTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456Z");

    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    private final MessageStore store = new JdbiStores(
                    TestDatabases.h2InMemory(), SecretCipher.fromKeyString(SecretCipher.generateKeyString()), clock)
            .messages();
    private MessageJournal journal;

    @AfterEach
    void close() {
        if (journal != null) {
            journal.close();
        }
    }

    @Test
    void aMessageThatTurnsFinalIsWrittenWithEveryChangeAndItsTime() throws Exception {
        journal = new MessageJournal(store, 1_000, 100, 100, Duration.ofHours(1));
        List<StatusChange> heard = new CopyOnWriteArrayList<>();
        journal.addListener((message, change) -> heard.add(change));
        Message queued = message("m-final");
        journal.insert(queued).get(10, TimeUnit.SECONDS);

        Message dispatching = queued.toBuilder()
                .status(MessageStatus.DISPATCHING)
                .attempts(1)
                .updatedAt(T0.plusMillis(1))
                .build();
        journal.record(dispatching, new StatusChange(MessageStatus.DISPATCHING, T0.plusMillis(1), null));
        Message sent = dispatching.toBuilder()
                .status(MessageStatus.SENT)
                .carrierMessageId("c-1")
                .updatedAt(T0.plusMillis(2))
                .build();
        journal.record(sent, new StatusChange(MessageStatus.SENT, T0.plusMillis(2), null));
        // Held: nothing of it written yet, but the listeners heard at once.
        assertThat(store.find("m-final").orElseThrow().status()).isEqualTo(MessageStatus.QUEUED);
        assertThat(store.history("m-final")).hasSize(1);
        assertThat(heard)
                .extracting(StatusChange::status)
                .containsExactly(MessageStatus.DISPATCHING, MessageStatus.SENT);

        // Same time as "sent": the order of recording decides.
        Message delivered = sent.toBuilder()
                .status(MessageStatus.DELIVERED)
                .updatedAt(T0.plusMillis(2))
                .build();
        journal.record(delivered, new StatusChange(MessageStatus.DELIVERED, T0.plusMillis(2), "ok"));

        Eventually.await(
                "delivered written", () -> store.find("m-final").orElseThrow().status() == MessageStatus.DELIVERED);
        assertThat(store.history("m-final"))
                .containsExactly(
                        new StatusChange(MessageStatus.QUEUED, T0, null),
                        new StatusChange(MessageStatus.DISPATCHING, T0.plusMillis(1), null),
                        new StatusChange(MessageStatus.SENT, T0.plusMillis(2), null),
                        new StatusChange(MessageStatus.DELIVERED, T0.plusMillis(2), "ok"));
        Message stored = store.find("m-final").orElseThrow();
        assertThat(stored.attempts()).isEqualTo(1);
        assertThat(stored.carrierMessageId()).isEqualTo("c-1");
        assertThat(stored.updatedAt()).isEqualTo(T0.plusMillis(2));
        assertThat(store.findToResume(null, 10)).isEmpty();
    }

    @Test
    void heldChangesOfAMessageNotFinalAreWrittenAfterTheHoldAndTheMessageIsStillResumable() throws Exception {
        journal = new MessageJournal(store, 1_000, 100, 100, Duration.ofMillis(50));
        Message queued = message("m-slow");
        journal.insert(queued).get(10, TimeUnit.SECONDS);
        assertThat(store.findToResume(null, 10)).extracting(Message::id).containsExactly("m-slow");

        Message dispatching = queued.toBuilder()
                .status(MessageStatus.DISPATCHING)
                .attempts(1)
                .updatedAt(T0.plusMillis(1))
                .build();
        journal.record(dispatching, new StatusChange(MessageStatus.DISPATCHING, T0.plusMillis(1), null));
        // Held or written, a message not handed over is resumed after a restart.
        assertThat(store.findToResume(null, 10)).extracting(Message::id).containsExactly("m-slow");

        Eventually.await("dispatching written", () -> store.history("m-slow").size() == 2);
        assertThat(store.find("m-slow").orElseThrow().status()).isEqualTo(MessageStatus.DISPATCHING);
        assertThat(store.findToResume(null, 10)).extracting(Message::id).containsExactly("m-slow");

        Message retry = dispatching.toBuilder()
                .status(MessageStatus.QUEUED)
                .lastError("timed out")
                .updatedAt(T0.plusMillis(3))
                .build();
        journal.record(retry, new StatusChange(MessageStatus.QUEUED, T0.plusMillis(3), "retry in 10 ms: timed out"));
        Eventually.await("retry written", () -> store.history("m-slow").size() == 3);
        assertThat(store.history("m-slow"))
                .containsExactly(
                        new StatusChange(MessageStatus.QUEUED, T0, null),
                        new StatusChange(MessageStatus.DISPATCHING, T0.plusMillis(1), null),
                        new StatusChange(MessageStatus.QUEUED, T0.plusMillis(3), "retry in 10 ms: timed out"));
        assertThat(store.find("m-slow").orElseThrow().lastError()).isEqualTo("retry in 10 ms: timed out");
        assertThat(store.findToResume(null, 10)).extracting(Message::id).containsExactly("m-slow");
    }

    @Test
    void closeWritesTheHeldChanges() throws Exception {
        journal = new MessageJournal(store, 1_000, 100, 100, Duration.ofHours(1));
        Message queued = message("m-close");
        journal.insert(queued).get(10, TimeUnit.SECONDS);
        Message sent = queued.toBuilder()
                .status(MessageStatus.SENT)
                .attempts(1)
                .updatedAt(T0.plusMillis(5))
                .build();
        journal.record(sent, new StatusChange(MessageStatus.DISPATCHING, T0.plusMillis(4), null));
        journal.record(sent, new StatusChange(MessageStatus.SENT, T0.plusMillis(5), null));

        journal.close();
        journal = null;

        assertThat(store.find("m-close").orElseThrow().status()).isEqualTo(MessageStatus.SENT);
        assertThat(store.history("m-close"))
                .extracting(StatusChange::status)
                .containsExactly(MessageStatus.QUEUED, MessageStatus.DISPATCHING, MessageStatus.SENT);
    }

    @Test
    void withoutAHoldEveryChangeIsWrittenAtOnce() throws Exception {
        journal = new MessageJournal(store, 1_000, 100, 100, Duration.ZERO);
        Message queued = message("m-now");
        journal.insert(queued).get(10, TimeUnit.SECONDS);
        Message dispatching = queued.toBuilder()
                .status(MessageStatus.DISPATCHING)
                .attempts(1)
                .updatedAt(T0.plusMillis(1))
                .build();
        journal.record(dispatching, new StatusChange(MessageStatus.DISPATCHING, T0.plusMillis(1), null));

        Eventually.await(
                "dispatching written", () -> store.find("m-now").orElseThrow().status() == MessageStatus.DISPATCHING);
        assertThat(store.history("m-now"))
                .extracting(StatusChange::status)
                .containsExactly(MessageStatus.QUEUED, MessageStatus.DISPATCHING);
    }

    @Test
    void withSeveralWritersEachMessageIsStillWrittenInOrder() throws Exception {
        journal = new MessageJournal(store, 10_000, 5_000, 16, Duration.ZERO, 4);
        int count = 200;
        List<java.util.concurrent.CompletableFuture<Void>> inserts = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            inserts.add(journal.insert(message("m-" + i)));
        }
        for (int i = 0; i < count; i++) {
            inserts.get(i).get(10, TimeUnit.SECONDS);
            Message queued = message("m-" + i);
            Message dispatching = queued.toBuilder()
                    .status(MessageStatus.DISPATCHING)
                    .attempts(1)
                    .updatedAt(T0.plusMillis(1))
                    .build();
            journal.record(dispatching, new StatusChange(MessageStatus.DISPATCHING, T0.plusMillis(1), null));
            Message sent = dispatching.toBuilder()
                    .status(MessageStatus.SENT)
                    .updatedAt(T0.plusMillis(2))
                    .build();
            journal.record(sent, new StatusChange(MessageStatus.SENT, T0.plusMillis(2), null));
            Message delivered = sent.toBuilder()
                    .status(MessageStatus.DELIVERED)
                    .updatedAt(T0.plusMillis(3))
                    .build();
            journal.record(delivered, new StatusChange(MessageStatus.DELIVERED, T0.plusMillis(3), null));
        }
        journal.close();
        journal = null;

        for (int i = 0; i < count; i++) {
            assertThat(store.find("m-" + i).orElseThrow().status()).isEqualTo(MessageStatus.DELIVERED);
            assertThat(store.history("m-" + i))
                    .extracting(StatusChange::status)
                    .containsExactly(
                            MessageStatus.QUEUED,
                            MessageStatus.DISPATCHING,
                            MessageStatus.SENT,
                            MessageStatus.DELIVERED);
        }
    }

    private static Message message(String id) {
        return Message.builder()
                .id(id)
                .from("+12505550100")
                .to("+16045550100")
                .text("hi")
                .clientId(1L)
                .carrier("loop")
                .createdAt(T0)
                .build();
    }
}
