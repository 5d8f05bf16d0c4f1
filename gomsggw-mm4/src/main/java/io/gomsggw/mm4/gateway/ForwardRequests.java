package io.gomsggw.mm4.gateway;

import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.model.Message;
import io.gomsggw.mm4.codec.ForwardRequest;
import io.gomsggw.mm4.codec.Mm4Address;
import io.gomsggw.mm4.codec.Mm4Part;
import java.util.Locale;
import java.util.regex.Pattern;

/** Builds the {@code MM4_forward.REQ} that carries a stored MMS to a PBX. */
final class ForwardRequests {
    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9!#$%&'*+.^_`{|}~-]+/[a-z0-9!#$%&'*+.^_`{|}~-]+");

    private final Mm4GatewaySettings settings;
    private final Mm4Ids ids;

    ForwardRequests(Mm4GatewaySettings settings) {
        this.settings = settings;
        this.ids = new Mm4Ids(settings.messageIdHost());
    }

    /**
     * {@code message} as a request to {@code pbxDomain}: our ids, an acknowledgement asked for (its
     * {@code MM4_forward.RES} makes the message delivered), responses to {@code MM4_ORIGINATOR_SYSTEM}.
     */
    ForwardRequest of(Message message, String pbxDomain) {
        ForwardRequest.Builder request = ForwardRequest.builder()
                .transactionId(message.id())
                .messageId(ids.messageIdOf(message.id()))
                .from(Mm4Address.plmn(message.from(), settings.messageIdHost()))
                .recipient(
                        Mm4Address.plmn(message.to(), pbxDomain.indexOf(':') >= 0 ? "[" + pbxDomain + "]" : pbxDomain))
                .date(message.createdAt())
                .ackRequested(true)
                .originatorSystem(settings.originatorSystem())
                .text(message.text());
        int index = 0;
        for (MediaPart part : message.media()) {
            request.media(part(part, ++index));
        }
        return request.build();
    }

    private static Mm4Part part(MediaPart part, int index) {
        String type = part.contentType().split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!MEDIA_TYPE.matcher(type).matches()) {
            type = "application/octet-stream";
        }
        String name = part.filename().isBlank() ? "part" + index : part.filename();
        return new Mm4Part(type, name, part.content());
    }
}
