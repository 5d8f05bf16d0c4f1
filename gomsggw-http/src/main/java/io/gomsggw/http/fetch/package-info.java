/**
 * Fetching media by URLs that someone else chose (a web client's {@code media_urls}, a carrier's
 * inbound media links) without letting them aim the gateway at its own host or network.
 *
 * <p>{@link io.gomsggw.http.fetch.SafeFetcher} is the one place such requests are made. The rule
 * of this package: the address a fetch connects to is the address that was checked. Names are
 * resolved once, by {@link io.gomsggw.http.fetch.PolicyDns}, and OkHttp connects to exactly the
 * addresses it returns; every socket checks again on connect
 * ({@link io.gomsggw.http.fetch.PolicySocketFactory}), which covers IP literals, redirects and
 * retries. Why OkHttp: the JDK's {@code HttpClient} resolves names itself and offers no resolver
 * to plug in (Java 17), so a check made before the request could see a different answer from the
 * lookup the connection makes (DNS rebinding); Netty's client could be given a filtering resolver
 * but would mean writing an HTTP client (TLS, redirects, bodies) by hand. OkHttp's {@code Dns} and
 * {@code SocketFactory} seams are documented and small.
 */
package io.gomsggw.http.fetch;
