package io.gomsggw.smpp.gateway;

import io.gomsggw.smpp.charset.DataCoding;
import io.gomsggw.smpp.charset.TextCodec;
import io.gomsggw.smpp.pdu.Address;
import io.gomsggw.smpp.pdu.SmFields;
import io.gomsggw.smpp.pdu.Tlv;
import io.gomsggw.smpp.pdu.TlvTag;
import io.gomsggw.smpp.text.Segmenter;
import io.gomsggw.smpp.text.Segments;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code deliver_sm} bodies that carry one text: GSM 03.38 when every character fits, else
 * UCS-2; split with a UDH in parts of 153/67 characters, or, for a client with
 * {@code disable_message_splitting}, whole in {@code message_payload}.
 */
final class DeliverSmParts {
    private DeliverSmParts() {}

    static List<SmFields> of(Address source, Address destination, String text, boolean split, int reference) {
        if (!split) {
            return List.of(whole(source, destination, text));
        }
        Segments segments = Segmenter.STANDARD.segment(text, reference);
        List<SmFields> parts = new ArrayList<>(segments.count());
        for (byte[] userData : segments.parts()) {
            parts.add(SmFields.builder()
                    .source(source)
                    .destination(destination)
                    .esmClass(segments.udhi() ? SmFields.ESM_UDHI : 0)
                    .dataCoding(segments.dataCoding())
                    .shortMessage(userData)
                    .build());
        }
        return parts;
    }

    private static SmFields whole(Address source, Address destination, String text) {
        TextCodec codec = DataCoding.STANDARD.codecForText(text);
        byte[] encoded = codec.encode(text);
        SmFields.Builder sm =
                SmFields.builder().source(source).destination(destination).dataCoding(codec.dataCoding());
        if (encoded.length <= SmFields.MAX_SHORT_MESSAGE) {
            return sm.shortMessage(encoded).build();
        }
        return sm.tlv(new Tlv(TlvTag.MESSAGE_PAYLOAD, encoded)).build();
    }
}
