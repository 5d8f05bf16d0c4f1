package io.gomsggw.core.spi;

import java.util.Set;

/**
 * What media must fit for one destination: a total size for the whole message and the content
 * types the destination accepts as they are (empty means any).
 */
public record MediaTarget(long maxTotalBytes, Set<String> acceptedTypes) {
    public MediaTarget {
        if (maxTotalBytes <= 0) throw new IllegalArgumentException("maxTotalBytes must be positive");
        acceptedTypes = Set.copyOf(acceptedTypes);
    }
}
