package io.gomsggw.core.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Resolves a client's configured address (a host name or an IP literal). Blocking. */
@FunctionalInterface
public interface HostResolver {
    /** The system resolver. */
    HostResolver SYSTEM = InetAddress::getAllByName;

    InetAddress[] resolve(String host) throws UnknownHostException;
}
