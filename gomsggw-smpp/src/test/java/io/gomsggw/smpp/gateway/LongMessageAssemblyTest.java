package io.gomsggw.smpp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.store.HeldPart;
import io.gomsggw.core.store.HeldPartStore;
import io.gomsggw.core.testing.Eventually;
import io.gomsggw.core.testing.MutableClock;
import io.gomsggw.smpp.charset.Gsm7;
import io.gomsggw.smpp.text.ConcatInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LongMessageAssemblyTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));
    private final InMemorySessionState state = new InMemorySessionState();
    private final HeldParts held = new HeldParts(state.heldParts);
    private final AtomicInteger total = new AtomicInteger();
    private final LongMessageAssembly assembly = assembly(3, 100);

    private LongMessageAssembly assembly(int maxPerClient, int maxTotal) {
        return new LongMessageAssembly(7, "pbx", clock, Duration.ofSeconds(60), maxPerClient, held, total, maxTotal);
    }

    @AfterEach
    void close() {
        held.close();
    }

    private LongMessageAssembly.Step part(int reference, int total, int seq, String text, int registeredDelivery) {
        return part(assembly, reference, total, seq, text, registeredDelivery);
    }

    private static LongMessageAssembly.Step part(
            LongMessageAssembly assembly, int reference, int total, int seq, String text, int registeredDelivery) {
        return assembly.offer(
                "12505550001",
                "12505550002",
                new ConcatInfo(reference, total, seq),
                0,
                Gsm7.encodeUnpacked(text),
                registeredDelivery);
    }

    private static String waitingId(LongMessageAssembly.Step step) {
        LongMessageAssembly.Waiting waiting = (LongMessageAssembly.Waiting) step;
        waiting.durable().join();
        return waiting.id();
    }

    @Test
    void everyPartIsAnsweredWithTheIdTheWholeMessageGetsOnceItIsDurable() {
        LongMessageAssembly.Step first = part(7, 3, 1, "Hello ", 0);
        LongMessageAssembly.Step third = part(7, 3, 3, "world", 1);
        String id = waitingId(first);
        assertThat(waitingId(third)).isEqualTo(id);
        assertThat(state.heldParts.loadAll())
                .extracting(HeldPart::messageId, HeldPart::seqnum)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(id, 1), org.assertj.core.groups.Tuple.tuple(id, 3));

        LongMessageAssembly.Step second = part(7, 3, 2, "big ", 0);
        assertThat(second).isInstanceOfSatisfying(LongMessageAssembly.Whole.class, whole -> {
            assertThat(whole.id()).isEqualTo(id);
            assertThat(whole.text()).contains("Hello big world");
            assertThat(whole.registeredDelivery())
                    .as("asked for by the third part")
                    .isEqualTo(1);
        });
        assertThat(assembly.pendingParts()).isZero();
        assembly.released(id);
        Eventually.await("the parts are released", () -> state.partCount() == 0);
    }

    @Test
    void aDuplicatePartGetsTheSameIdAndIsNotCountedTwice() {
        String id = waitingId(part(9, 2, 1, "a", 0));

        assertThat(waitingId(part(9, 2, 1, "a", 0))).isEqualTo(id);
        assertThat(assembly.pendingParts()).isEqualTo(1);
        assertThat(total).hasValue(1);
    }

    @Test
    void refusesPartsBeyondTheCapAndDropsIncompleteMessagesAfterTheTimeout() {
        part(1, 2, 1, "a", 0);
        part(2, 2, 1, "b", 0);
        part(3, 2, 1, "c", 0);
        assertThat(part(4, 2, 1, "d", 0)).isInstanceOf(LongMessageAssembly.Full.class);

        clock.advance(Duration.ofSeconds(61));
        assembly.expire();

        assertThat(assembly.pendingParts()).isZero();
        assertThat(total).hasValue(0);
        Eventually.await("the expired parts are released", () -> state.partCount() == 0);
        String fresh = waitingId(part(1, 2, 1, "a", 0));
        assertThat(part(1, 2, 2, "b", 0))
                .isInstanceOfSatisfying(
                        LongMessageAssembly.Whole.class,
                        whole -> assertThat(whole.id()).isEqualTo(fresh));
    }

    @Test
    void theNodeWideBoundCountsThePartsOfEveryClient() {
        LongMessageAssembly other = assembly(3, 2);
        LongMessageAssembly mine = assembly(3, 2);
        waitingId(part(other, 1, 2, 1, "a", 0));
        waitingId(part(mine, 1, 2, 1, "a", 0));
        assertThat(part(mine, 2, 2, 1, "b", 0))
                .as("two parts held in all")
                .isInstanceOf(LongMessageAssembly.Full.class);
    }

    @Test
    void aPartThatCannotBeStoredIsTakenBackSoItsRetryIsNotADuplicate() {
        HeldParts failing = new HeldParts(new HeldPartStore() {
            @Override
            public void writeAll(List<Change> changes) {
                throw new io.gomsggw.core.store.StoreException("disk full");
            }

            @Override
            public List<HeldPart> loadAll() {
                return List.of();
            }
        });
        try {
            LongMessageAssembly assembly =
                    new LongMessageAssembly(7, "pbx", clock, Duration.ofSeconds(60), 3, failing, total, 100);
            CompletableFuture<Void> durable = ((LongMessageAssembly.Waiting) part(assembly, 5, 2, 1, "a", 0)).durable();
            assertThat(durable).failsWithin(Duration.ofSeconds(10));
            Eventually.await("the part is taken back", () -> assembly.pendingParts() == 0);
            assertThat(total).hasValue(0);
        } finally {
            failing.close();
        }
    }

    @Test
    void restoredPartsKeepTheirIdAndCompleteWithThePartThatWasMissing() {
        String id = waitingId(part(11, 3, 1, "one ", 1));
        waitingId(part(11, 3, 2, "two ", 0));
        List<HeldPart> stored = state.heldParts.loadAll();

        AtomicInteger afterRestart = new AtomicInteger();
        LongMessageAssembly restarted =
                new LongMessageAssembly(7, "pbx", clock, Duration.ofSeconds(60), 3, held, afterRestart, 100);
        restarted.restore(stored);
        assertThat(afterRestart).hasValue(2);
        assertThat(part(restarted, 11, 3, 3, "three", 0))
                .isInstanceOfSatisfying(LongMessageAssembly.Whole.class, whole -> {
                    assertThat(whole.id()).isEqualTo(id);
                    assertThat(whole.text()).contains("one two three");
                    assertThat(whole.registeredDelivery()).isEqualTo(1);
                });
    }

    @Test
    void restoredPartsExpireFromWhenTheirFirstPartArrived() {
        waitingId(part(12, 2, 1, "x", 0));
        List<HeldPart> stored = state.heldParts.loadAll();
        clock.advance(Duration.ofSeconds(59));
        LongMessageAssembly restarted =
                new LongMessageAssembly(7, "pbx", clock, Duration.ofSeconds(60), 3, held, new AtomicInteger(), 100);
        restarted.restore(stored);
        clock.advance(Duration.ofSeconds(2));
        restarted.expire();
        assertThat(restarted.pendingParts()).isZero();
    }
}
