package io.gomsggw.mm4.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.StatusChange;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IngestBudgetTest {
    private static void status(IngestBudget budget, String id, MessageStatus status) {
        Message message = Message.builder()
                .id(id)
                .from("+12505550001")
                .to("+12505550002")
                .createdAt(Instant.EPOCH)
                .status(status)
                .build();
        budget.onStatus(message, new StatusChange(status, Instant.EPOCH, null));
    }

    @Test
    void aHoldIsGivenBackOnceEveryMessageMadeOfItIsHandedOver() throws Exception {
        IngestBudget budget = new IngestBudget(100, Duration.ofSeconds(30));
        IngestBudget.Hold hold = budget.acquire(60).get(1, TimeUnit.SECONDS);
        hold.track("a");
        hold.track("b");
        hold.done();
        CompletableFuture<IngestBudget.Hold> waiting = budget.acquire(60);
        assertThat(waiting).as("60 + 60 > 100: waits").isNotDone();

        status(budget, "a", MessageStatus.DISPATCHING);
        status(budget, "a", MessageStatus.SENT);
        assertThat(waiting).as("b is still on its way").isNotDone();
        hold.untrack("b");
        hold.untrack("b");
        assertThat(waiting.get(1, TimeUnit.SECONDS)).isNotNull();
        assertThat(budget.used()).isEqualTo(60);
        status(budget, "a", MessageStatus.DELIVERED);
        assertThat(budget.used()).as("a second status gives nothing back twice").isEqualTo(60);
    }

    @Test
    void aMessageThatFindsNoRoomInTimeIsRefusedAndALargeOneTakesTheWholeBudget() throws Exception {
        IngestBudget budget = new IngestBudget(100, Duration.ofMillis(50));
        IngestBudget.Hold all = budget.acquire(5_000).get(1, TimeUnit.SECONDS);
        assertThat(budget.used()).isEqualTo(100);
        assertThatThrownBy(() -> budget.acquire(1).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IngestBudget.BudgetFull.class);
        all.done();
        assertThat(budget.used()).isZero();
    }
}
