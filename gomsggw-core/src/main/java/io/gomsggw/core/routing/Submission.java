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
 *                    a long SMPP message, a batch row); null to let the router assign a new one
 * @param idMayExist  true when an earlier attempt with the same {@code id} may have been stored (a batch
 *                    row submitted again after a restart): the pipeline then looks the id up first and
 *                    answers {@link io.gomsggw.core.pipeline.SubmitResult.AlreadyStored} when it exists,
 *                    without routing, counting or sending it a second time
 */
public record Submission(
        String from,
        String to,
        String text,
        List<MediaPart> media,
        Protocol ingress,
        String externalRef,
        String id,
        boolean idMayExist) {

    /** A submission whose id the router assigns. */
    public Submission(
            String from, String to, String text, List<MediaPart> media, Protocol ingress, String externalRef) {
        this(from, to, text, media, ingress, externalRef, null, false);
    }

    /** A submission with an id the ingress promised, never used before. */
    public Submission(
            String from,
            String to,
            String text,
            List<MediaPart> media,
            Protocol ingress,
            String externalRef,
            String id) {
        this(from, to, text, media, ingress, externalRef, id, false);
    }

    public Submission {
        text = text == null ? "" : text;
        media = media == null ? List.of() : List.copyOf(media);
        Objects.requireNonNull(ingress, "ingress");
        if (idMayExist && id == null) {
            throw new IllegalArgumentException("idMayExist needs an id");
        }
    }

    public MessageType type() {
        return media.isEmpty() ? MessageType.SMS : MessageType.MMS;
    }
}
