package io.gomsggw.smpp.gateway;

import io.gomsggw.core.dispatch.QueueFullException;
import io.gomsggw.core.routing.Refusal;
import io.gomsggw.smpp.pdu.CommandStatus;

/** The SMPP status for each way the gateway refuses a message (docs/legacy-clients.md lists them). */
final class RefusalStatus {
    private RefusalStatus() {}

    static CommandStatus of(Refusal refusal) {
        if (refusal instanceof Refusal.InvalidNumber invalid) {
            return invalid.field().equals("from") ? CommandStatus.ESME_RINVSRCADR : CommandStatus.ESME_RINVDSTADR;
        }
        if (refusal instanceof Refusal.NotYourNumber) {
            return CommandStatus.ESME_RINVSRCADR;
        }
        if (refusal instanceof Refusal.OptedOut) {
            return CommandStatus.ESME_RX_R_APPN;
        }
        if (refusal instanceof Refusal.Limited) {
            return CommandStatus.ESME_RTHROTTLED;
        }
        return CommandStatus.ESME_RINVDSTADR; // NoCarrier: nothing can carry it to that destination
    }

    /** A failure to store or queue: a full queue asks the ESME to come back later, anything else is a system error. */
    static CommandStatus of(Throwable failure) {
        return failure instanceof QueueFullException ? CommandStatus.ESME_RMSGQFUL : CommandStatus.ESME_RSYSERR;
    }
}
