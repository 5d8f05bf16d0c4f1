package io.gomsggw.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Times here are made-up nanoTime values handed to the plan; nothing waits or measures. */
class LoadPlanTest {
    private static final long START = 1_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aFixedRateSpacesTheIntendedTimesWhateverTheTimeNow() {
        LoadPlan plan = new LoadPlan(START, Duration.ZERO, 4, new BenchOptions.Stop.AfterMessages(10));

        assertThat(plan.next(START).intendedNanos()).isEqualTo(START);
        assertThat(plan.next(START).intendedNanos()).isEqualTo(START + SECOND / 4);
        assertThat(plan.next(START + 5 * SECOND).intendedNanos())
                .as("late, but due when planned")
                .isEqualTo(START + SECOND / 2);
    }

    @Test
    void aFixedRateWarmsUpForTheRequestsDueBeforeTheMeasuredPart() {
        LoadPlan plan = new LoadPlan(START, Duration.ofSeconds(1), 2, new BenchOptions.Stop.AfterMessages(3));

        assertThat(plan.next(START)).isEqualTo(new LoadPlan.Ticket(START, false));
        assertThat(plan.next(START)).isEqualTo(new LoadPlan.Ticket(START + SECOND / 2, false));
        assertThat(plan.next(START)).isEqualTo(new LoadPlan.Ticket(START + SECOND, true));
        assertThat(plan.next(START)).isEqualTo(new LoadPlan.Ticket(START + 3 * SECOND / 2, true));
        assertThat(plan.next(START)).isEqualTo(new LoadPlan.Ticket(START + 2 * SECOND, true));
        assertThat(plan.next(START)).as("three measured, then done").isNull();
        assertThat(plan.measureStartNanos()).isEqualTo(START + SECOND);
    }

    @Test
    void aFixedRateForATimeEndsWithTheFirstRequestDueAfterIt() {
        LoadPlan plan = new LoadPlan(START, Duration.ZERO, 2, new BenchOptions.Stop.AfterTime(Duration.ofSeconds(1)));

        assertThat(plan.next(START)).isEqualTo(new LoadPlan.Ticket(START, true));
        assertThat(plan.next(START)).isEqualTo(new LoadPlan.Ticket(START + SECOND / 2, true));
        assertThat(plan.next(START)).isNull();
    }

    @Test
    void withoutARateEveryRequestIsDueWhenTaken() {
        LoadPlan plan = new LoadPlan(START, Duration.ofSeconds(1), 0, new BenchOptions.Stop.AfterMessages(2));

        assertThat(plan.next(START + 10)).isEqualTo(new LoadPlan.Ticket(START + 10, false));
        assertThat(plan.next(START + SECOND - 1)).isEqualTo(new LoadPlan.Ticket(START + SECOND - 1, false));
        assertThat(plan.next(START + SECOND)).isEqualTo(new LoadPlan.Ticket(START + SECOND, true));
        assertThat(plan.next(START + SECOND + 7)).isEqualTo(new LoadPlan.Ticket(START + SECOND + 7, true));
        assertThat(plan.next(START + SECOND + 9)).isNull();
    }

    @Test
    void withoutARateForATimeEndsAtThatTime() {
        LoadPlan plan = new LoadPlan(START, Duration.ZERO, 0, new BenchOptions.Stop.AfterTime(Duration.ofSeconds(3)));

        assertThat(plan.next(START + 3 * SECOND - 1)).isEqualTo(new LoadPlan.Ticket(START + 3 * SECOND - 1, true));
        assertThat(plan.next(START + 3 * SECOND)).isNull();
    }
}
