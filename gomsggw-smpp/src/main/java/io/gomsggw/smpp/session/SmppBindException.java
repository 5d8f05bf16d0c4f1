package io.gomsggw.smpp.session;

import io.gomsggw.smpp.pdu.CommandStatus;
import java.util.Optional;

/**
 * A bind that was refused. On the client side, the bind stage fails with it when the server
 * answers {@code bind_*_resp} (or {@code generic_nack}) with a non-zero status. On the server
 * side, a {@link BindGate} refuses a bind by failing with it.
 */
public final class SmppBindException extends RuntimeException {
    private final int commandStatus;
    private final boolean reported;

    /**
     * @param commandStatus the {@code command_status} of the refusal (non-zero)
     * @param message       why, for logs
     */
    public SmppBindException(int commandStatus, String message) {
        this(commandStatus, message, false);
    }

    /** Same as {@link #SmppBindException(int, String)} with a named status. */
    public SmppBindException(CommandStatus status, String message) {
        this(status.code(), message, false);
    }

    private SmppBindException(int commandStatus, String message, boolean reported) {
        super(message + " (" + CommandStatus.name(commandStatus) + ")", null, false, false);
        this.commandStatus = commandStatus;
        this.reported = reported;
    }

    /**
     * A refusal its gate has reported already, such as a bind from a source barred after failed
     * binds: the session logs it at DEBUG only, so that a storm of them does not flood the log.
     */
    public static SmppBindException reported(CommandStatus status, String message) {
        return new SmppBindException(status.code(), message, true);
    }

    /** The raw {@code command_status}, possibly vendor-specific. */
    public int commandStatus() {
        return commandStatus;
    }

    /** The status by name, when it is a standard one. */
    public Optional<CommandStatus> status() {
        return CommandStatus.of(commandStatus);
    }

    /** Whether the gate has logged this refusal itself (see {@link #reported}). */
    public boolean isReported() {
        return reported;
    }
}
