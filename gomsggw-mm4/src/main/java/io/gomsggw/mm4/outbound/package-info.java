/**
 * Outbound MM4: {@link io.gomsggw.mm4.outbound.Mm4Sender} hands one MIME message built by
 * {@link io.gomsggw.mm4.codec.Mm4Writer} to a peer's SMTP server (a PBX or another MMS relay) with Jakarta
 * Mail's SMTP transport and reports a typed {@link io.gomsggw.mm4.outbound.SendResult}. Retries, routing and
 * the choice of peer belong to the caller.
 */
package io.gomsggw.mm4.outbound;
