package io.gomsggw.mm4.codec;

/** Small helpers for reading header values as peers write them. */
final class HeaderValues {
    private HeaderValues() {}

    /**
     * {@code value} without surrounding blanks and, when it is one quoted string, without its quotes
     * (backslash escapes resolved). Null reads as the empty string.
     */
    static String unquote(String value) {
        if (value == null) {
            return "";
        }
        String v = value.strip();
        if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
            StringBuilder b = new StringBuilder(v.length());
            for (int i = 1; i < v.length() - 1; i++) {
                char c = v.charAt(i);
                if (c == '\\' && i + 1 < v.length() - 1) {
                    c = v.charAt(++i);
                }
                b.append(c);
            }
            return b.toString().strip();
        }
        return v;
    }

    /** {@code id} unquoted and without one pair of surrounding angle brackets. */
    static String bareId(String id) {
        String v = unquote(id);
        if (v.length() >= 2 && v.charAt(0) == '<' && v.charAt(v.length() - 1) == '>') {
            return v.substring(1, v.length() - 1).strip();
        }
        return v;
    }
}
