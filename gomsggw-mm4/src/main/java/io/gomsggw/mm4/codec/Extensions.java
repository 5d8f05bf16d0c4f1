package io.gomsggw.mm4.codec;

import java.util.Map;

/** File name extensions for the media types MMS carries, for generated part names. */
final class Extensions {
    private static final Map<String, String> BY_TYPE = Map.ofEntries(
            Map.entry("image/jpeg", "jpg"),
            Map.entry("image/jpg", "jpg"),
            Map.entry("image/png", "png"),
            Map.entry("image/gif", "gif"),
            Map.entry("image/bmp", "bmp"),
            Map.entry("image/webp", "webp"),
            Map.entry("image/heic", "heic"),
            Map.entry("video/mp4", "mp4"),
            Map.entry("video/3gpp", "3gp"),
            Map.entry("video/quicktime", "mov"),
            Map.entry("audio/amr", "amr"),
            Map.entry("audio/mpeg", "mp3"),
            Map.entry("audio/mp4", "m4a"),
            Map.entry("audio/aac", "aac"),
            Map.entry("audio/ogg", "ogg"),
            Map.entry("audio/wav", "wav"),
            Map.entry("text/plain", "txt"),
            Map.entry("text/x-vcard", "vcf"),
            Map.entry("text/vcard", "vcf"),
            Map.entry("text/html", "html"),
            Map.entry("application/smil", "smil"),
            Map.entry("application/pdf", "pdf"));

    private Extensions() {}

    /** The usual extension of {@code baseType} (lower case, no parameters), {@code bin} when unknown. */
    static String of(String baseType) {
        return BY_TYPE.getOrDefault(baseType, "bin");
    }
}
