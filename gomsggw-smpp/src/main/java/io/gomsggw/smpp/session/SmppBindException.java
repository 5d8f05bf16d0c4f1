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

    /**
     * @param commandStatus the {@code command_status} of the refusal (non-zero)
     * @param message       why, for logs
     */
    public SmppBindException(int commandStatus, String message) {
        super(message + " (" + CommandStatus.name(commandStatus) + ")", null, false, false);
        this.commandStatus = commandStatus;
    }

    /** Same as {@link #SmppBindException(int, String)} with a named status. */
    public SmppBindException(CommandStatus status, String message) {
        this(status.code(), message);
    }

    /** The raw {@code command_status}, possibly vendor-specific. */
    public int commandStatus() {
        return commandStatus;
    }

    /** The status by name, when it is a standard one. */
    public Optional<CommandStatus> status() {
        return CommandStatus.of(commandStatus);
    }
}
