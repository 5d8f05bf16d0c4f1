package io.gomsggw.server.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.StatusChange;
import io.gomsggw.core.store.MessageQuery;
import io.gomsggw.core.store.MessageStore;
import io.gomsggw.core.store.Page;
import io.gomsggw.core.store.ResumeCursor;
import io.gomsggw.core.store.StoreException;
import io.gomsggw.core.store.WriteTrackingMessageStore;
import io.gomsggw.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DatabaseProbeTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final AtomicInteger connectionProbes = new AtomicInteger();
    private final AtomicBoolean connects = new AtomicBoolean(true);
    private final AtomicBoolean databaseTakesWrites = new AtomicBoolean(true);
    private final WriteTrackingMessageStore messages = new WriteTrackingMessageStore(new WritableStore());
    private final DatabaseProbe probe = new DatabaseProbe(
            () -> {
                connectionProbes.incrementAndGet();
                return connects.get();
            },
            () -> {
                if (!databaseTakesWrites.get()) throw new StoreException("disk full");
                messages.probeSucceeded();
            },
            messages,
            clock,
            Duration.ofSeconds(1));

    @Test
    void theConnectionIsProbedAtMostOnceASecond() {
        assertThat(probe.isUp()).isTrue();
        assertThat(probe.isUp()).isTrue();
        assertThat(connectionProbes).hasValue(1);

        connects.set(false);
        assertThat(probe.isUp()).as("the last answer, less than a second old").isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(probe.isUp()).isFalse();
        assertThat(connectionProbes).hasValue(2);
    }

    @Test
    void aFailedWriteIsDownUntilAWriteOrAProbeWriteSucceeds() {
        databaseTakesWrites.set(false);
        try {
            messages.insertAll(List.of(Message.builder()
                    .id("m-1")
                    .from("+12505550001")
                    .to("+16045550002")
                    .text("x")
                    .createdAt(clock.instant())
                    .build()));
        } catch (StoreException expected) {
            // refused, as a full database refuses it
        }
        assertThat(probe.isUp()).as("reachable, but refusing writes").isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(probe.isUp()).as("the probe write fails too").isFalse();

        databaseTakesWrites.set(true);
        assertThat(probe.isUp()).as("not probed again within the second").isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(probe.isUp()).as("the probe write passed").isTrue();
    }

    /** A message store whose writes fail while the test says the database refuses them. */
    private final class WritableStore implements MessageStore {
        @Override
        public void insertAll(List<Message> batch) {
            if (!databaseTakesWrites.get()) throw new StoreException("insert messages failed: disk full");
        }

        @Override
        public Optional<Message> find(String id) {
            return Optional.empty();
        }

        @Override
        public List<StatusChange> history(String id) {
            return List.of();
        }

        @Override
        public boolean transition(String id, MessageStatus status, Instant at, String reason, int attempts) {
            return false;
        }

        @Override
        public Optional<Message> findAwaitingReport(String carrier, String carrierMessageId) {
            return Optional.empty();
        }

        @Override
        public List<Message> findToResume(ResumeCursor after, int limit) {
            return List.of();
        }

        @Override
        public List<Message> findDue(Instant dueBy, String owner, int limit) {
            return List.of();
        }

        @Override
        public Optional<Instant> nextDue(String owner) {
            return Optional.empty();
        }

        @Override
        public int claimFinal(List<String> ids, String serverId) {
            return 0;
        }

        @Override
        public List<Message> findUndelivered(
                long targetClientId, Instant since, Instant until, ResumeCursor after, int limit) {
            return List.of();
        }

        @Override
        public Page<Message> search(MessageQuery query) {
            throw new UnsupportedOperationException();
        }
    }
}
