package io.gomsggw.core.store;

import java.util.List;

/** One page of results and the total number of matches. */
public record Page<T>(List<T> items, long total, int page, int perPage) {
    public Page {
        items = List.copyOf(items);
    }
}
