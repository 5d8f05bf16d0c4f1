package io.gomsggw.transcode.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The other side wrote something that is not a frame of {@link WorkerProtocol}, or a frame over its limit. */
final class ProtocolException extends IOException {
    private final byte[] unexpected;

    ProtocolException(String message) {
        this(message, new byte[0]);
    }

    /** @param unexpected the bytes read where a frame should have started */
    ProtocolException(String message, byte[] unexpected) {
        super(message);
        this.unexpected = unexpected.clone();
    }

    /** The bytes read where a frame should have started, as text (a crashing JVM prints its report there). */
    String unexpectedText() {
        return new String(unexpected, StandardCharsets.ISO_8859_1);
    }
}
