package io.gomsggw.mm4.smtp;

import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of one received message (the dot-unstuffed {@code DATA}), held in memory up to
 * {@link SmtpServerSettings#spoolMemoryBytes()} and in a temporary file beyond.
 *
 * <p><b>Lifetime:</b> readable from the call of {@link MailReceiver#onMessage} until the stage it
 * returned completes; the server then deletes the file. Read it on any thread (several
 * {@link #openStream()}s may be read concurrently), but not after that stage completes.
 */
public interface SpooledMessage {

    /** The message's length in bytes. */
    long size();

    /**
     * A new stream over the whole message from its first byte; the caller closes it.
     *
     * @throws IOException when the spool file cannot be read (or was already deleted)
     */
    InputStream openStream() throws IOException;

    /**
     * The whole message in one array of exactly {@link #size()} bytes. For a message held in memory this is
     * the spool's own array, not a copy, the same for every caller: read it, never write it. For one on disk
     * it is read from the file into a new array.
     *
     * @throws IOException when the spool file cannot be read (or was already deleted)
     */
    byte[] bytes() throws IOException;

    /** Whether the message went to a temporary file (it was longer than the in-memory threshold). */
    boolean onDisk();
}
