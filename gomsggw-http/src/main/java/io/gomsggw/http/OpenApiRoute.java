package io.gomsggw.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.json}: the OpenAPI 3 description of the REST API, without authentication.
 *
 * <p>The document's one source is {@code docs/openapi.json} in the repository; the build copies it
 * into this module's classes (see the module's pom), so what is served is what the docs say. A test
 * of the server checks that it names exactly the routes the server registers.
 *
 * <p>Immutable and thread-safe: the document is read once, at construction.
 */
public final class OpenApiRoute {
    /** The path the document is served at. */
    public static final String PATH = "/openapi.json";

    private static final String RESOURCE = "openapi.json";

    private final byte[] document;

    /** @throws IllegalStateException when the build did not put the document on the class path */
    public OpenApiRoute() {
        try (InputStream in = OpenApiRoute.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "openapi.json missing from the class path (copied from docs/ at build)");
            }
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read openapi.json from the class path", e);
        }
    }

    public void register(RouteTable router) {
        router.get(PATH, request -> Response.json(HttpResponseStatus.OK, document.clone()));
    }
}
