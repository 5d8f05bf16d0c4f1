package io.gomsggw.transcode.detect;

/**
 * A media type recognised from the content's own bytes (see {@link MediaSniffer}), with its
 * canonical MIME type and the kind of handling it gets.
 */
public enum MediaType {
    JPEG("image/jpeg", Kind.IMAGE, "jpg"),
    PNG("image/png", Kind.IMAGE, "png"),
    GIF("image/gif", Kind.IMAGE, "gif"),
    BMP("image/bmp", Kind.IMAGE, "bmp"),
    TIFF("image/tiff", Kind.IMAGE, "tif"),
    WEBP("image/webp", Kind.IMAGE, "webp"),
    MP4("video/mp4", Kind.VIDEO, "mp4"),
    MOV("video/quicktime", Kind.VIDEO, "mov"),
    THREE_GPP("video/3gpp", Kind.VIDEO, "3gp"),
    WEBM("video/webm", Kind.VIDEO, "webm"),
    MATROSKA("video/x-matroska", Kind.VIDEO, "mkv"),
    AVI("video/x-msvideo", Kind.VIDEO, "avi"),
    WAV("audio/wav", Kind.AUDIO, "wav"),
    OGG("audio/ogg", Kind.AUDIO, "ogg"),
    MP3("audio/mpeg", Kind.AUDIO, "mp3"),
    M4A("audio/mp4", Kind.AUDIO, "m4a"),
    AMR("audio/amr", Kind.AUDIO, "amr"),
    TEXT("text/plain", Kind.TEXT, "txt"),
    SMIL("application/smil", Kind.TEXT, "smil"),
    UNKNOWN("application/octet-stream", Kind.UNKNOWN, "bin");

    /** How the pipeline treats a type. */
    public enum Kind {
        IMAGE,
        VIDEO,
        AUDIO,
        TEXT,
        UNKNOWN
    }

    private final String mime;
    private final Kind kind;
    private final String extension;

    MediaType(String mime, Kind kind, String extension) {
        this.mime = mime;
        this.kind = kind;
        this.extension = extension;
    }

    /** The canonical MIME type, e.g. {@code image/jpeg}. */
    public String mime() {
        return mime;
    }

    public Kind kind() {
        return kind;
    }

    /** The usual file name extension, without the dot. */
    public String extension() {
        return extension;
    }

    /** A short lower-case name for messages and metrics, e.g. {@code webp}. */
    public String label() {
        return extension.equals("jpg") ? "jpeg" : extension;
    }
}
