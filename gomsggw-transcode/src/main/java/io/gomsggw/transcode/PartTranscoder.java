package io.gomsggw.transcode;

import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.spi.TranscodeException;
import io.gomsggw.transcode.detect.MediaType;
import io.gomsggw.transcode.image.Deadline;
import io.gomsggw.transcode.image.ImageConverter;
import io.gomsggw.transcode.image.ImageHeader;

/**
 * Decides and does what happens to one planned part in this process: pass through byte for byte,
 * convert an image to JPEG within its budget, or refuse. Video and audio that can be re-encoded
 * are {@link AvPartTranscoder}'s; the rest pass when accepted (the planner already refused them
 * when they do not fit). Thread-safe.
 */
final class PartTranscoder {
    private final ImageConverter images;

    PartTranscoder(ImageConverter images) {
        this.images = images;
    }

    /** Whether the part needs a pool thread: images, and video or audio that can be re-encoded. */
    static boolean needsWorker(PlannedPart planned) {
        return planned.type().kind() == MediaType.Kind.IMAGE || planned.reducible();
    }

    /** Whether the part goes to {@link AvPartTranscoder}: video or audio that can be re-encoded. */
    static boolean isReencodedMedia(PlannedPart planned) {
        return planned.type().kind() != MediaType.Kind.IMAGE && planned.reducible();
    }

    MediaPart transcode(PlannedPart planned, AcceptedTypes accepted, Deadline deadline) throws TranscodeException {
        MediaPart part = planned.part();
        MediaType type = planned.type();
        switch (type.kind()) {
            case TEXT:
                return part;
            case VIDEO:
            case AUDIO:
                if (!accepted.accepts(type)) {
                    throw new TranscodeException(
                            TranscodeException.UNSUPPORTED_MEDIA_TYPE,
                            type.label() + " (" + type.mime() + ") is not accepted by the destination and "
                                    + type.kind().name().toLowerCase(java.util.Locale.ROOT)
                                    + " transcoding is not available in this build");
                }
                return passThrough(part, type);
            case IMAGE:
                return image(planned, accepted, deadline);
            default:
                throw new TranscodeException(
                        TranscodeException.UNSUPPORTED_MEDIA_TYPE, "unrecognised content in " + part.filename());
        }
    }

    private MediaPart image(PlannedPart planned, AcceptedTypes accepted, Deadline deadline) throws TranscodeException {
        MediaPart part = planned.part();
        MediaType type = planned.type();
        ImageHeader header = images.probe(type, part.content());
        boolean fits = part.size() <= planned.budget();
        if (fits && accepted.accepts(type)) {
            return passThrough(part, type);
        }
        if (!planned.reducible() || !images.canDecode(type)) {
            throw new TranscodeException(
                    TranscodeException.UNSUPPORTED_MEDIA_TYPE,
                    type.label() + " (" + type.mime() + ") cannot be decoded in this build, and the destination "
                            + (accepted.accepts(type) ? "limit requires shrinking it" : "does not accept it as is"));
        }
        if (!accepted.accepts(MediaType.JPEG)) {
            throw new TranscodeException(
                    TranscodeException.UNSUPPORTED_MEDIA_TYPE,
                    type.label() + " (" + type.mime() + ") must be converted, but the destination does not accept "
                            + "image/jpeg, the only output format");
        }
        deadline.check(type.mime());
        byte[] jpeg = images.toJpeg(type, part.content(), header, planned.budget(), deadline);
        return new MediaPart(renamed(part.filename(), MediaType.JPEG), MediaType.JPEG.mime(), jpeg);
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
