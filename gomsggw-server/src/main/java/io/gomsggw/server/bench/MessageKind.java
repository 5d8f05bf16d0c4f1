package io.gomsggw.server.bench;

/**
 * The kinds of text {@code bench smpp} sends, each with a fixed body after the
 * {@link MessageTag}: a short GSM-7 text (one {@code submit_sm}), a UCS-2 text with emoji (one
 * {@code submit_sm}, data_coding 8) and a long GSM-7 text with {@code €} that needs three parts,
 * each its own {@code submit_sm} with a UDH. The bodies are sized so the part count holds for any
 * tag length.
 */
enum MessageKind {
    SHORT_GSM7("short", "short GSM-7", 1, "gomsggw bench: a short GSM-7 text"),
    UCS2_EMOJI(
            "ucs2",
            "UCS-2 with emoji",
            1,
            "gomsggw bench \uD83D\uDE00 UCS-2 \u2713 na\u00EFve \u4F60\u597D \uD83D\uDC4D"),
    LONG_GSM7("long", "long GSM-7, 3 parts", 3, longBody());

    private final String option;
    private final String description;
    private final int parts;
    private final String body;

    MessageKind(String option, String description, int parts, String body) {
        this.option = option;
        this.description = description;
        this.parts = parts;
        this.body = body;
    }

    /** The name in {@code --mix}. */
    String option() {
        return option;
    }

    /** How the result table names it. */
    String description() {
        return description;
    }

    /** The {@code submit_sm} count of one message of this kind. */
    int parts() {
        return parts;
    }

    /** The text of message {@code id}. */
    String text(long id) {
        return MessageTag.of(id) + body;
    }

    /** The kind whose {@link #option()} is {@code name}, or null. */
    static MessageKind byOption(String name) {
        for (MessageKind kind : values()) {
            if (kind.option.equals(name)) {
                return kind;
            }
        }
        return null;
    }

    /** 370 characters (about 375 septets with the escaped €): 3 parts of 153 septets with any tag. */
    private static String longBody() {
        String sentence =
                "gomsggw bench: a long GSM-7 text in three parts of 153 septets, each with a UDH, costs \u20AC1. ";
        return sentence.repeat(370 / sentence.length() + 1).substring(0, 370);
    }
}
