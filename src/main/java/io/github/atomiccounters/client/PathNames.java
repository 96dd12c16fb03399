package io.github.atomiccounters.client;

import java.nio.charset.StandardCharsets;

/** Counter names in the path: percent-encoded so that any text, slashes and spaces included, is one segment. */
final class PathNames {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PathNames() {
    }

    /**
     * The name as one path segment: every UTF-8 byte other than {@code A-Z a-z 0-9 - _ . ~} percent-encoded
     * (a space is {@code %20}, never {@code +}). A name of dots only has its dots encoded too, so that no client,
     * proxy or signer treats it as {@code .} or {@code ..}.
     */
    static String segment(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a counter name is at least one character");
        }
        boolean dotsOnly = name.chars().allMatch(c -> c == '.');
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '~' || (c == '.' && !dotsOnly);
            if (unreserved) {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        return out.toString();
    }
}
