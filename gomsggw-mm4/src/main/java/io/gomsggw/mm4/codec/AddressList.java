package io.gomsggw.mm4.codec;

import java.util.ArrayList;
import java.util.List;

/** Splits address header values as RFC 5322 writes them, without judging each address. */
final class AddressList {
    private AddressList() {}

    /** The addresses of {@code value}, split at commas outside quotes, angle brackets and comments. */
    static List<String> split(String value) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        int angle = 0;
        int comment = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < value.length()) {
                    current.append(c).append(value.charAt(++i));
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '(') {
                comment++;
            } else if (c == ')' && comment > 0) {
                comment--;
                continue;
            } else if (comment > 0) {
                continue;
            } else if (c == '<') {
                angle++;
            } else if (c == '>' && angle > 0) {
                angle--;
            } else if (c == ',' && angle == 0) {
                add(out, current);
                continue;
            }
            if (comment == 0 && c != '(') {
                current.append(c);
            }
        }
        add(out, current);
        return out;
    }

    /** The address inside angle brackets when there are some, else the whole value unquoted. */
    static String addrSpec(String address) {
        int open = address.lastIndexOf('<');
        int close = address.lastIndexOf('>');
        if (open >= 0 && close > open) {
            return address.substring(open + 1, close).strip();
        }
        return HeaderValues.unquote(address);
    }

    private static void add(List<String> out, StringBuilder current) {
        String s = current.toString().strip();
        if (!s.isEmpty()) {
            out.add(s);
        }
        current.setLength(0);
    }
}
