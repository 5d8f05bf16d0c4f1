/**
 * SMPP 3.4 protocol data units and their codec: {@link io.gomsggw.smpp.pdu.PduDecoder} turns the
 * bytes of one complete PDU into an immutable {@link io.gomsggw.smpp.pdu.Pdu} and
 * {@link io.gomsggw.smpp.pdu.PduEncoder} turns it back into bytes.
 *
 * <p>The codec works on plain {@code byte[]} and {@link java.nio.ByteBuffer} so that it can be
 * embedded without Netty (a Netty handler wraps the arrays with {@code Unpooled.wrappedBuffer}).
 * It never imports a channel, the router or a store.
 */
package io.gomsggw.smpp.pdu;
