package io.gomsggw.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gomsggw.core.dispatch.QueueFullException;
import io.gomsggw.core.testing.Eventually;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AdmissionGateTest {
    private static final Duration LONG = Duration.ofMinutes(5);

    @Test
    void waitersGetFreedPermitsInTheOrderTheyCame() {
        AdmissionGate gate = new AdmissionGate(1, 10);
        assertThat(gate.acquire(LONG)).isDone();
        CompletableFuture<Void> second = gate.acquire(LONG);
        CompletableFuture<Void> third = gate.acquire(LONG);
        assertThat(second).isNotDone();
        assertThat(gate.tryAcquire(1)).as("no barging ahead of those who wait").isFalse();

        gate.release();
        assertThat(second).isCompleted();
        assertThat(third).isNotDone();
        gate.release();
        assertThat(third).isCompleted();
        assertThat(gate.inUse()).isEqualTo(1);
        gate.release();
        assertThat(gate.inUse()).isZero();
    }

    @Test
    void withoutAWaitOrBeyondTheWaitingBoundItRefusesAtOnce() {
        AdmissionGate gate = new AdmissionGate(1, 1);
        gate.acquire(LONG);
        assertThatThrownBy(() -> gate.acquire(Duration.ZERO).join()).hasCauseInstanceOf(QueueFullException.class);
        CompletableFuture<Void> waits = gate.acquire(LONG);
        assertThatThrownBy(() -> gate.acquire(LONG).join())
                .as("one may wait")
                .hasCauseInstanceOf(QueueFullException.class);
        assertThat(waits).isNotDone();
    }

    @Test
    void aWaiterThatGaveUpDoesNotTakeThePermitOfTheNext() throws Exception {
        AdmissionGate gate = new AdmissionGate(1, 10);
        gate.acquire(LONG);
        CompletableFuture<Void> impatient = gate.acquire(Duration.ofMillis(50));
        CompletableFuture<Void> patient = gate.acquire(LONG);
        assertThatThrownBy(() -> impatient.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(QueueFullException.class);

        gate.release();
        assertThat(patient).isCompleted();
        gate.release();
        assertThat(gate.inUse()).isZero();
        assertThat(gate.tryAcquire(1)).isTrue();
    }

    @Test
    void aBlockingAcquireWaitsForARelease() {
        AdmissionGate gate = new AdmissionGate(1, 10);
        gate.acquire(LONG);
        CompletableFuture<Void> blocked = CompletableFuture.runAsync(gate::acquireUninterruptibly);
        Eventually.await("waiting", () -> !gate.tryAcquire(1) && !blocked.isDone());

        gate.release();
        blocked.join();
        assertThat(gate.inUse()).isEqualTo(1);
    }
}
