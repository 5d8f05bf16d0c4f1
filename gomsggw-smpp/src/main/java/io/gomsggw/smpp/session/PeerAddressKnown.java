package io.gomsggw.smpp.session;

/**
 * A user event: the PROXY protocol header has been read, so {@link SmppSession#remoteAddress()}
 * is the peer's real address from now on.
 */
enum PeerAddressKnown {
    INSTANCE
}
