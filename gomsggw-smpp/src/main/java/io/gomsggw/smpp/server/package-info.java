/**
 * The SMPP 3.4 server (the SMSC side the gateway shows to legacy equipment):
 * {@link io.gomsggw.smpp.server.SmppServer} listens, plain or TLS, optionally behind a PROXY
 * protocol load balancer; the application decides binds and answers requests through
 * {@link io.gomsggw.smpp.server.SmppServerHandler}, and sends {@code deliver_sm} through the
 * bound {@link io.gomsggw.smpp.session.SmppSession}s.
 */
package io.gomsggw.smpp.server;
