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

    MediaLinks NONE = message -> List.of();
}
