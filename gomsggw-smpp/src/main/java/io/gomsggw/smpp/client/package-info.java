/**
 * An SMPP 3.4 client (ESME side) on Netty: {@link io.gomsggw.smpp.client.SmppClient} connects,
 * binds and hands back a bound {@link io.gomsggw.smpp.session.SmppSession}; incoming
 * {@code deliver_sm}/{@code data_sm} go to an {@link io.gomsggw.smpp.session.SmppRequestHandler}.
 * One client (one set of event loops) serves any number of binds, for tests, the load benchmark
 * and SMPP carriers.
 */
package io.gomsggw.smpp.client;
