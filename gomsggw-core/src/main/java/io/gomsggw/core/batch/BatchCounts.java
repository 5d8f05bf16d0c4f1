package io.gomsggw.core.batch;

import java.util.Map;

/** How many rows of a batch are in each state. */
public record BatchCounts(int pending, int sending, int sent, int queued, int failed, int cancelled) {
    public static final BatchCounts NONE = new BatchCounts(0, 0, 0, 0, 0, 0);

    public static BatchCounts of(Map<BatchItemStatus, Integer> counts) {
        return new BatchCounts(
                counts.getOrDefault(BatchItemStatus.PENDING, 0),
                counts.getOrDefault(BatchItemStatus.SENDING, 0),
                counts.getOrDefault(BatchItemStatus.SENT, 0),
                counts.getOrDefault(BatchItemStatus.QUEUED, 0),
                counts.getOrDefault(BatchItemStatus.FAILED, 0),
                counts.getOrDefault(BatchItemStatus.CANCELLED, 0));
    }

    /** Rows not final yet. */
    public int unfinished() {
        return pending + sending + queued;
    }
}
