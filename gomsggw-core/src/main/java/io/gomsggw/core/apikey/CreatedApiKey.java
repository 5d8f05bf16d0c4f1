package io.gomsggw.core.apikey;

/**
 * A key just made: the raw key, shown to the admin once and never stored, and the stored record.
 * {@link #toString()} leaves the raw key out, so it cannot reach a log by accident.
 */
public record CreatedApiKey(String rawKey, ApiKey key) {
    @Override
    public String toString() {
        return "CreatedApiKey[id=" + key.id() + ", prefix=" + key.keyPrefix() + "]";
    }
}
