package io.gomsggw.transcode;

import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.spi.TranscodeException;
import io.gomsggw.transcode.av.AvTranscoder;
import io.gomsggw.transcode.av.Reencoded;
import io.gomsggw.transcode.detect.MediaType;
import io.gomsggw.transcode.image.Deadline;
import io.gomsggw.transcode.image.ImageConverter;
import io.gomsggw.transcode.image.ImageHeader;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Decides and does what happens to one planned part: pass through byte for byte, convert an
 * image to JPEG within its budget, re-encode video or audio with {@link AvTranscoder} (when
 * Humble Video is available), or refuse. Without it, video and audio pass when accepted, and the
 * planner already refused them when they do not fit. Thread-safe.
 */
final class PartTranscoder {
    private final ImageConverter images;
    private final AvTranscoder av;

    /** @param av video and audio re-encoding, or {@code null} when Humble Video is not available */
    PartTranscoder(ImageConverter images, AvTranscoder av) {
        this.images = images;
        this.av = av;
    }

    /** Whether the part needs a worker: images, and video or audio that can be re-encoded. */
    static boolean needsWorker(PlannedPart planned) {
        return planned.type().kind() == MediaType.Kind.IMAGE || planned.reducible();
    }

    MediaPart transcode(PlannedPart planned, AcceptedTypes accepted, Deadline deadline) throws TranscodeException {
        MediaPart part = planned.part();
        MediaType type = planned.type();
        switch (type.kind()) {
            case TEXT:
                return part;
            case VIDEO:
            case AUDIO:
                if (av != null && planned.reducible()) {
                    return media(planned, accepted, deadline);
                }
                if (!accepted.accepts(type)) {
                    throw new TranscodeException(TranscodeException.UNSUPPORTED_MEDIA_TYPE,
                            type.label() + " (" + type.mime() + ") is not accepted by the destination and "
                                    + type.kind().name().toLowerCase(java.util.Locale.ROOT)
                                    + " transcoding is not available in this build");
                }
                return passThrough(part, type);
            case IMAGE:
                return image(planned, accepted, deadline);
            default:
                throw new TranscodeException(TranscodeException.UNSUPPORTED_MEDIA_TYPE,
                        "unrecognised content in " + part.filename());
        }
    }

    private MediaPart image(PlannedPart planned, AcceptedTypes accepted, Deadline deadline)
            throws TranscodeException {
        MediaPart part = planned.part();
        MediaType type = planned.type();
        ImageHeader header = images.probe(type, part.content());
        boolean fits = part.size() <= planned.budget();
        if (fits && accepted.accepts(type)) {
            return passThrough(part, type);
        }
        if (!planned.reducible() || !images.canDecode(type)) {
            throw new TranscodeException(TranscodeException.UNSUPPORTED_MEDIA_TYPE,
                    type.label() + " (" + type.mime() + ") cannot be decoded in this build, and the destination "
                            + (accepted.accepts(type) ? "limit requires shrinking it" : "does not accept it as is"));
        }
        if (!accepted.accepts(MediaType.JPEG)) {
            throw new TranscodeException(TranscodeException.UNSUPPORTED_MEDIA_TYPE,
                    type.label() + " (" + type.mime() + ") must be converted, but the destination does not accept "
                            + "image/jpeg, the only output format");
        }
        deadline.check(type.mime());
        byte[] jpeg = images.toJpeg(type, part.content(), header, planned.budget(), deadline);
        return new MediaPart(renamed(part.filename(), MediaType.JPEG), MediaType.JPEG.mime(), jpeg);
    }

    private MediaPart media(PlannedPart planned, AcceptedTypes accepted, Deadline deadline) throws TranscodeException {
        MediaPart part = planned.part();
        MediaType type = planned.type();
        if (part.size() <= planned.budget() && accepted.accepts(type)) {
            return passThrough(part, type);
        }
        List<MediaType> possible = av.outputsFor(type);
        List<MediaType> outputs = possible.stream().filter(accepted::accepts).toList();
        if (outputs.isEmpty()) {
            throw new TranscodeException(TranscodeException.UNSUPPORTED_MEDIA_TYPE,
                    type.label() + " (" + type.mime() + ") must be converted, but the destination does not accept "
                            + possible.stream().map(MediaType::mime).collect(Collectors.joining(" or "))
                            + (possible.size() == 1 ? ", the output format" : ", the output formats"));
        }
        deadline.check(type.mime());
        Reencoded out = av.transcode(type, part.content(), planned.budget(), outputs, deadline);
        return new MediaPart(renamed(part.filename(), out.type()), out.type().mime(), out.content());
    }

    /** The same part, or the same bytes under the detected content type. */
    static MediaPart passThrough(MediaPart part, MediaType type) {
        if (AcceptedTypes.normalise(part.contentType()).equals(type.mime())) return part;
        return new MediaPart(part.filename(), type.mime(), part.content());
    }

    static String renamed(String filename, MediaType type) {
        int dot = filename.lastIndexOf('.');
        String base = dot > 0 ? filename.substring(0, dot) : filename;
        if (base.isEmpty()) base = "media";
        return base + "." + type.extension();
    }
}
