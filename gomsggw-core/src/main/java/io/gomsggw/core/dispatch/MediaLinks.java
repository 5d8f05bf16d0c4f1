package io.gomsggw.core.dispatch;

import io.gomsggw.core.model.Message;
import java.util.List;

/**
 * Publishes a message's media where a carrier can fetch it and returns the public links, one per
 * part in order. Blocking (it writes to the media store): called from dispatch workers.
 */
@FunctionalInterface
public interface MediaLinks {
    List<String> publish(Message message);

    /**
     * As {@link #publish(Message)} for {@code message} (the media as it will be sent), where
     * {@code stored} is the same message as stored: a part whose bytes are those of the stored
     * message's part at the same place may be published by reference to it rather than copied.
     */
    default List<String> publish(Message message, Message stored) {
        return publish(message);
    }

    MediaLinks NONE = message -> List.of();
}
