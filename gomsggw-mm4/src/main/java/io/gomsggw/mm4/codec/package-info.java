/**
 * MM4 (3GPP TS 23.140, MMS between relays over SMTP) message codec: {@link io.gomsggw.mm4.codec.Mm4Parser}
 * turns the bytes of one RFC 5322 message (the SMTP {@code DATA}) into an immutable
 * {@link io.gomsggw.mm4.codec.Mm4Message} and {@link io.gomsggw.mm4.codec.Mm4Writer} turns one back into a
 * MIME message and bytes.
 *
 * <p>MIME is read and written with Jakarta Mail (Angus Mail). The codec works on streams and byte arrays
 * only: it never imports a Netty channel, the router, a store or the SMTP transport, so it can be embedded
 * and tested on its own. Every defect of the input is reported as a checked
 * {@link io.gomsggw.mm4.codec.Mm4FormatException} carrying the {@link io.gomsggw.mm4.codec.RequestStatus}
 * to answer the peer with; nothing else escapes the parser.
 */
package io.gomsggw.mm4.codec;
