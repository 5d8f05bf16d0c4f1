/**
 * SMPP 3.4 protocol data units and their codec: {@link io.gomsggw.smpp.pdu.PduDecoder} turns the
 * bytes of one complete PDU into an immutable {@link io.gomsggw.smpp.pdu.Pdu} and
 * {@link io.gomsggw.smpp.pdu.PduEncoder} turns it back into bytes.
 *
 * <p>The codec works on plain {@code byte[]} and {@link java.nio.ByteBuffer} so that it can be
 * embedded without Netty (a Netty handler wraps the arrays with {@code Unpooled.wrappedBuffer}).
 * It never imports a channel, the router or a store.
 *
 * <p>Field limits are SMPP 3.4's, with one leniency: a bind's {@code system_id} and
 * {@code password} may have up to 64 octets ({@link io.gomsggw.smpp.pdu.Bind#MAX_CREDENTIAL_LENGTH}),
 * as the Go gateway accepts; a longer one is refused with {@code ESME_RINVSYSID} or
 * {@code ESME_RINVPASWD}.
 */
package io.gomsggw.smpp.pdu;
