package io.github.atomiccounters.vtl.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.github.atomiccounters.vtl.VtlSemantics;

/**
 * {@code $util}. Stateless; one shared instance per {@link VtlSemantics} choice of escaping and number types. A null
 * argument gives {@code ""} for the string functions (so
 * {@code $util.escapeJavaScript($missing).replaceAll(...)} still works) and null for {@code parseJson}. Arguments
 * that are not strings (numbers from {@code $input.path}) are converted with {@code toString()}.
 * Internal: public only for Velocity's introspection.
 */
public final class UtilVariable {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final boolean escapeSlashAndNonAscii;
    private final VtlSemantics.NumberTypes numbers;

    private UtilVariable(boolean escapeSlashAndNonAscii, VtlSemantics.NumberTypes numbers) {
        this.escapeSlashAndNonAscii = escapeSlashAndNonAscii;
        this.numbers = numbers;
    }

    /** {@code $util} as {@code semantics} decides escaping and number types. */
    public static UtilVariable of(VtlSemantics semantics) {
        return new UtilVariable(semantics.jsEscaping() == VtlSemantics.JsEscaping.COMMONS_LANG, semantics.numbers());
    }

    /**
     * JavaScript string escaping as commons-lang's {@code StringEscapeUtils.escapeJavaScript} (2.x) /
     * {@code escapeEcmaScript} (3.x): {@code '}&rarr;{@code \'}, {@code "}&rarr;{@code \"}, {@code \}&rarr;{@code \\},
     * {@code /}&rarr;{@code \/}, {@code \b \t \n \f \r}, other control characters and every character above 0x7F as
     * {@code \}{@code uXXXX} (upper-case hex, UTF-16 units, so an emoji is two escapes).
     * Decision (unverified on AWS): {@code /} and non-ASCII are escaped, as the commons-lang implementations do;
     * {@link VtlSemantics.JsEscaping#MINIMAL} leaves them as they are.
     */
    public String escapeJavaScript(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = null;
            switch (c) {
                case '\'' -> rep = "\\'";
                case '"' -> rep = "\\\"";
                case '\\' -> rep = "\\\\";
                case '/' -> rep = escapeSlashAndNonAscii ? "\\/" : null;
                case '\b' -> rep = "\\b";
                case '\t' -> rep = "\\t";
                case '\n' -> rep = "\\n";
                case '\f' -> rep = "\\f";
                case '\r' -> rep = "\\r";
                default -> {
                    if (c < 32 || (c > 0x7f && escapeSlashAndNonAscii)) {
                        rep = new String(new char[] {'\\', 'u', HEX[(c >> 12) & 0xF], HEX[(c >> 8) & 0xF],
                            HEX[(c >> 4) & 0xF], HEX[c & 0xF]});
                    }
                }
            }
            if (rep != null) {
                if (out == null) {
                    out = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                out.append(rep);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    /** application/x-www-form-urlencoded, UTF-8 (space becomes {@code +}). */
    public String urlEncode(Object value) {
        return value == null ? "" : URLEncoder.encode(value.toString(), StandardCharsets.UTF_8);
    }

    /** application/x-www-form-urlencoded decoding, UTF-8 ({@code +} becomes space). */
    public String urlDecode(Object value) {
        return value == null ? "" : URLDecoder.decode(value.toString(), StandardCharsets.UTF_8);
    }

    /** Standard base64 (with padding) of the UTF-8 bytes. */
    public String base64Encode(Object value) {
        return value == null ? ""
                : Base64.getEncoder().encodeToString(value.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Standard base64 decoded to a UTF-8 string. Decision (unverified on AWS): lenient like commons-codec about line
     * breaks and other characters outside the alphabet (MIME decoder); the URL-safe alphabet is not accepted.
     */
    public String base64Decode(Object value) {
        return value == null ? ""
                : new String(Base64.getMimeDecoder().decode(value.toString()), StandardCharsets.UTF_8);
    }

    /**
     * A JSON string to an object usable in VTL ({@code $obj.key2.arr[0]}), with the same json-smart types as
     * {@code $input.path}. Decision (unverified on AWS): malformed JSON fails like a malformed body, with 400 and
     * json-smart's message.
     */
    public Object parseJson(Object value) {
        return value == null ? null : Json.withNumbers(Json.parse(value.toString()), numbers);
    }

    @Override
    public String toString() {
        return "$util";
    }
}
