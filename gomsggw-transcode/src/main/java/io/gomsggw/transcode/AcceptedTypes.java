package io.gomsggw.transcode;

import io.gomsggw.transcode.detect.MediaType;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A destination's accepted content types, normalised: lower case, parameters dropped, common
 * aliases folded ({@code image/jpg} is {@code image/jpeg}), {@code image/*} style wildcards
 * honoured. Empty accepts everything.
 */
final class AcceptedTypes {
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("image/jpg", "image/jpeg"),
            Map.entry("image/pjpeg", "image/jpeg"),
            Map.entry("image/x-ms-bmp", "image/bmp"),
            Map.entry("image/x-bmp", "image/bmp"),
            Map.entry("audio/mp3", "audio/mpeg"),
            Map.entry("audio/x-wav", "audio/wav"),
            Map.entry("audio/wave", "audio/wav"),
            Map.entry("audio/x-m4a", "audio/mp4"),
            Map.entry("audio/m4a", "audio/mp4"),
            Map.entry("video/3gp", "video/3gpp"),
            Map.entry("video/avi", "video/x-msvideo"),
            Map.entry("application/ogg", "audio/ogg"),
            Map.entry("audio/amr-nb", "audio/amr"));

    private final Set<String> types;

    AcceptedTypes(Set<String> declared) {
        Set<String> normalised = new HashSet<>();
        for (String type : declared) {
            normalised.add(normalise(type));
        }
        this.types = Set.copyOf(normalised);
    }

    /** Whether content of {@code type} may be sent as it is. */
    boolean accepts(MediaType type) {
        if (types.isEmpty()) return true;
        String mime = type.mime();
        return types.contains(mime)
                || types.contains(mime.substring(0, mime.indexOf('/')) + "/*")
                || types.contains("*/*");
    }

    /** The normalised set, for cache keys. */
    Set<String> types() {
        return types;
    }

    static String normalise(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        int semicolon = t.indexOf(';');
        if (semicolon >= 0) t = t.substring(0, semicolon);
        t = t.trim();
        return ALIASES.getOrDefault(t, t);
    }
}
