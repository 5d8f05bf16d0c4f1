package io.gomsggw.smpp.session;

import io.gomsggw.smpp.pdu.BindMode;
import io.gomsggw.smpp.pdu.DataSm;
import io.gomsggw.smpp.pdu.DeliverSm;
import io.gomsggw.smpp.pdu.QuerySm;
import io.gomsggw.smpp.pdu.RequestPdu;
import io.gomsggw.smpp.pdu.SubmitSm;

/** Which end of the connection a session is: the SMSC (our server) or the ESME (our client). */
public enum SessionSide {
    /** The server side: receives binds and {@code submit_sm}, sends {@code deliver_sm}. */
    SMSC,
    /** The client side: sends the bind and {@code submit_sm}, receives {@code deliver_sm}. */
    ESME;

    /** Whether a bound peer in {@code mode} may send this side the message request {@code request}. */
    boolean mayReceive(RequestPdu request, BindMode mode) {
        return switch (this) {
            case SMSC ->
                (request instanceof SubmitSm || request instanceof DataSm || request instanceof QuerySm)
                        && mode.canSubmit();
            case ESME -> (request instanceof DeliverSm || request instanceof DataSm) && mode.canReceive();
        };
    }

    /** Whether this side, bound in {@code mode}, may send the message request {@code request}. */
    boolean maySend(RequestPdu request, BindMode mode) {
        return switch (this) {
            case SMSC -> (request instanceof DeliverSm || request instanceof DataSm) && mode.canReceive();
            case ESME ->
                (request instanceof SubmitSm || request instanceof DataSm || request instanceof QuerySm)
                        && mode.canSubmit();
        };
    }

    /** Whether this side in {@code mode} sends messages at all. */
    boolean sendsMessages(BindMode mode) {
        return this == SMSC ? mode.canReceive() : mode.canSubmit();
    }
}
