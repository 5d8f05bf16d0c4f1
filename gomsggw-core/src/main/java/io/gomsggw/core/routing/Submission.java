package io.gomsggw.core.routing;

import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.model.MessageType;
import io.gomsggw.core.model.Protocol;
import java.util.List;
import java.util.Objects;

/**
 * A message as an authenticated client handed it in, before routing: numbers still as written.
 *
 * @param from        the sender number as written
 * @param to          the recipient number as written
 * @param text        the text; may be empty
 * @param media       MMS parts; empty for SMS
 * @param ingress     the protocol it came by
 * @param externalRef an ingress reference kept on the record (SMPP sequence, MM4 transaction id); may be null
 * @param id          the message id the ingress already promised the client (e.g. to the earlier parts of
 *                    a long SMPP message); null to let the router assign a new one
 */
public record Submission(String from, String to, String text, List<MediaPart> media, Protocol ingress,
                         String externalRef, String id) {

    /** A submission whose id the router assigns. */
    public Submission(String from, String to, String text, List<MediaPart> media, Protocol ingress,
                      String externalRef) {
        this(from, to, text, media, ingress, externalRef, null);
    }

    public Submission {
        text = text == null ? "" : text;
        media = media == null ? List.of() : List.copyOf(media);
        Objects.requireNonNull(ingress, "ingress");
    }

    public MessageType type() {
        return media.isEmpty() ? MessageType.SMS : MessageType.MMS;
    }
}
