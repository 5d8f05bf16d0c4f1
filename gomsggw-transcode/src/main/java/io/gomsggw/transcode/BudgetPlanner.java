package io.gomsggw.transcode;

import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.spi.MediaTarget;
import io.gomsggw.core.spi.TranscodeException;
import io.gomsggw.transcode.detect.MediaSniffer;
import io.gomsggw.transcode.detect.MediaType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Splits a message's byte target between its parts. Parts that cannot be made smaller (text,
 * SMIL, images without a decoder, and video and audio unless Humble Video can re-encode them)
 * count as they are; the rest of the target is shared between the reducible parts in proportion to their original sizes. When everything
 * already fits, every share is at least the part's own size, so nothing is touched.
 */
final class BudgetPlanner {
    private final MediaSniffer sniffer = new MediaSniffer();
    private final Predicate<MediaType> decodable;
    private final Predicate<MediaType> avReducible;

    /** @param decodable which image types this transcoder can decode and re-encode */
    BudgetPlanner(Predicate<MediaType> decodable) {
        this(decodable, type -> false);
    }

    /**
     * @param decodable   which image types this transcoder can decode and re-encode
     * @param avReducible which video and audio types it can re-encode (none without Humble Video)
     */
    BudgetPlanner(Predicate<MediaType> decodable, Predicate<MediaType> avReducible) {
        this.decodable = decodable;
        this.avReducible = avReducible;
    }

    /**
     * Plans a message.
     *
     * @throws TranscodeException {@code unsupported_media_type} for content of no known type;
     *                            {@code media_too_large} when the parts that cannot shrink
     *                            already exceed the target
     */
    List<PlannedPart> plan(List<MediaPart> parts, MediaTarget target) throws TranscodeException {
        List<MediaType> types = new ArrayList<>(parts.size());
        long fixed = 0;
        long reducible = 0;
        long original = 0;
        for (MediaPart part : parts) {
            MediaType type = sniffer.detect(part.content(), part.contentType());
            if (type == MediaType.UNKNOWN) {
                throw new TranscodeException(
                        TranscodeException.UNSUPPORTED_MEDIA_TYPE,
                        "unrecognised content in " + part.filename() + " (declared " + part.contentType() + ", "
                                + part.size() + " bytes)");
            }
            types.add(type);
            original += part.size();
            if (isReducible(type)) reducible += part.size();
            else fixed += part.size();
        }
        long max = target.maxTotalBytes();
        if (fixed > max || (reducible > 0 && fixed == max)) {
            throw new TranscodeException(
                    TranscodeException.MEDIA_TOO_LARGE,
                    "message media of " + original + " bytes (" + fixed
                            + " bytes that cannot be reduced: text, SMIL, audio, video or undecodable images) does not fit the target of "
                            + max + " bytes");
        }
        long remaining = max - fixed;
        List<PlannedPart> plan = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            MediaPart part = parts.get(i);
            MediaType type = types.get(i);
            boolean canShrink = isReducible(type);
            long budget = canShrink ? share(remaining, part.size(), reducible) : part.size();
            plan.add(new PlannedPart(part, type, budget, canShrink));
        }
        return plan;
    }

    private boolean isReducible(MediaType type) {
        return switch (type.kind()) {
            case IMAGE -> decodable.test(type);
            case VIDEO, AUDIO -> avReducible.test(type);
            default -> false;
        };
    }

    /** floor(remaining × size / total), exactly; at least 1. */
    private static long share(long remaining, long size, long total) {
        if (total == 0) return remaining;
        return Math.max(
                1,
                BigInteger.valueOf(remaining)
                        .multiply(BigInteger.valueOf(size))
                        .divide(BigInteger.valueOf(total))
                        .longValue());
    }
}
