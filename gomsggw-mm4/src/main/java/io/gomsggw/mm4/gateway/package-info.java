/**
 * The bridge from MM4 to the gateway core: MMS for legacy clients leaves as {@code MM4_forward.REQ}
 * ({@link io.gomsggw.mm4.gateway.Mm4Egress}), messages and reports received by the SMTP server enter the
 * pipeline, acknowledgements ({@code MM4_forward.RES}) and delivery reports go back to the PBX.
 *
 * <p>Identifiers: an outbound request's {@code X-Mms-Transaction-ID} is the gateway's message id and its
 * {@code X-Mms-Message-ID} is {@code <message id@MM4_MSG_ID_HOST>}; a response or delivery report that
 * names either finds the message again ({@link io.gomsggw.mm4.gateway.Mm4Ids}).
 */
package io.gomsggw.mm4.gateway;
