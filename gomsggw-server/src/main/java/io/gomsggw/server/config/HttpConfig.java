package io.gomsggw.server.config;

import io.gomsggw.core.net.CidrBlock;
import java.util.List;
import java.util.Optional;

/**
 * Limits of the web server and of the media it fetches.
 *
 * @param maxBodyBytes              {@code HTTP_MAX_BODY_BYTES}: the largest request body
 * @param bodyMemoryBytes           {@code HTTP_BODY_MEMORY_BYTES} (new): what all request bodies in
 *                                  flight may hold together; empty means a quarter of the heap
 * @param mediaFetchAllowedNetworks {@code MEDIA_FETCH_ALLOWED_NETWORKS}: ranges media URLs may point
 *                                  into besides public addresses
 */
public record HttpConfig(int maxBodyBytes, Optional<Long> bodyMemoryBytes, List<CidrBlock> mediaFetchAllowedNetworks) {
    public HttpConfig {
        mediaFetchAllowedNetworks = List.copyOf(mediaFetchAllowedNetworks);
    }
}
