package io.gomsggw.server.config;

import java.util.Locale;

/**
 * The {@code DURABILITY} setting: what an acknowledgement ({@code 202}, {@code submit_sm_resp},
 * {@code 250}) promises about the message it answers.
 */
public enum Durability {
    /**
     * On the device: the embedded message log forces every group commit ({@code fdatasync})
     * before any message in it is answered; PostgreSQL commits with {@code synchronous_commit} on
     * (a server setting of {@code off} is overridden on the gateway's connections). A power loss
     * loses nothing acknowledged.
     */
    FSYNC,
    /**
     * Handed to the operating system: the message log is written but not forced; PostgreSQL
     * commits with {@code synchronous_commit = off}. A killed process loses nothing acknowledged;
     * a power loss or kernel crash may lose the last moments.
     */
    OS;

    /**
     * Reads a setting in any case.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Durability parse(String text) {
        for (Durability value : values()) {
            if (value.name().equalsIgnoreCase(text.strip())) {
                return value;
            }
        }
        throw new IllegalArgumentException("expected fsync or os, got '" + text + "'");
    }

    /** The name as written in the configuration, e.g. {@code fsync}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
