package io.gomsggw.core.batch;

import java.util.List;

/** The answer to a new batch. */
public sealed interface BatchCreation {
    /** Stored and started; {@code invalidRows} were stored as failed and will not be sent. */
    record Created(BatchJob job, List<RowError> invalidRows) implements BatchCreation {
        public Created {
            invalidRows = List.copyOf(invalidRows);
        }
    }

    /** No row can be sent: nothing was stored. */
    record Rejected(List<RowError> errors) implements BatchCreation {
        public Rejected {
            errors = List.copyOf(errors);
        }
    }
}
