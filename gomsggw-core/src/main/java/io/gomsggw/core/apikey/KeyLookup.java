package io.gomsggw.core.apikey;

/** What {@link ApiKeys#authenticate} found for a raw key. */
public sealed interface KeyLookup {
    /** A valid key: active, not expired, its client still there. */
    record Valid(ApiKey key) implements KeyLookup {}

    /**
     * No valid key: the text is not a key, no key has that digest, or the key is revoked or expired.
     * {@code reason} is for the log only; callers answer every refusal alike.
     */
    record Invalid(String reason) implements KeyLookup {}
}
