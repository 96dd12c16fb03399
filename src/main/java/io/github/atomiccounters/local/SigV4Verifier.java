package io.github.atomiccounters.local;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Verifies AWS Signature Version 4 on incoming requests, as API Gateway does for methods with AWS_IAM
 * authorization (service {@code execute-api}), against local credentials (access key id to secret).
 *
 * <p>The canonical request is rebuilt from what was received (method, raw path, raw query, exactly the headers
 * listed in SignedHeaders, body), signed again at the request's own X-Amz-Date with the credential scope, and
 * the signatures are compared in constant time.
 *
 * <p>Why not re-sign with the SDK's {@code AwsV4HttpSigner}: it always adds and signs
 * {@code x-amz-content-sha256} and never signs {@code user-agent}, {@code expect} and a few others, so it cannot
 * reproduce the signature of a client that signed a different header set (botocore, curl --aws-sigv4, Postman
 * sign no x-amz-content-sha256). The SigV4 canonicalization is short and specified; the tests check it against
 * the SDK signer (as an SDK client), botocore-made signatures and AWS's published test vector.
 *
 * <p>Not verified: query-string (pre-signed URL) authentication, and session tokens (a signed
 * {@code x-amz-security-token} is accepted as an ordinary header, whatever its value).
 */
public final class SigV4Verifier {

    public static final String SERVICE = "execute-api";
    public static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** Outcomes, each with the gateway response type API Gateway would use (all are 403). */
    public enum Outcome {
        OK(null),
        MISSING_AUTHENTICATION_TOKEN("MISSING_AUTHENTICATION_TOKEN"),
        // IncompleteSignatureException and UnrecognizedClientException have no gateway response type of their
        // own; they are 4xx, so a customized DEFAULT_4XX applies to them.
        INCOMPLETE_SIGNATURE("DEFAULT_4XX"),
        UNRECOGNIZED_CLIENT("DEFAULT_4XX"),
        INVALID_SIGNATURE("INVALID_SIGNATURE"),
        EXPIRED("EXPIRED_TOKEN");

        private final String gatewayResponseType;

        Outcome(String gatewayResponseType) {
            this.gatewayResponseType = gatewayResponseType;
        }

        public String gatewayResponseType() {
            return gatewayResponseType;
        }
    }

    /**
     * The result. On OK, the caller's identity for {@code $context.identity}: access key, account and user ARN
     * ({@code arn:aws:iam::ACCOUNT:user/ACCESS_KEY}); on failure, the message API Gateway would return.
     */
    public record Verification(Outcome outcome, String message, String accessKeyId, String accountId,
                               String userArn) {
        public boolean ok() {
            return outcome == Outcome.OK;
        }

        public int status() {
            return ok() ? 200 : 403;
        }

        static Verification fail(Outcome outcome, String message) {
            return new Verification(outcome, message, null, null, null);
        }
    }

    private final Map<String, String> credentials;
    private final String region;
    private final String accountId;

    /**
     * @param credentials access key id to secret access key
     * @param region      the region the API "runs" in; a credential scoped to another region is rejected
     */
    public SigV4Verifier(Map<String, String> credentials, String region) {
        this(credentials, region, "000000000000");
    }

    public SigV4Verifier(Map<String, String> credentials, String region, String accountId) {
        this.credentials = Map.copyOf(credentials);
        this.region = Objects.requireNonNull(region, "region");
        this.accountId = Objects.requireNonNull(accountId, "accountId");
    }

    /**
     * @param rawPath  the path exactly as received, still percent-encoded
     * @param rawQuery the query string exactly as received (without '?'), or null
     * @param headers  the received headers; names in any case
     * @param body     the received body, or null
     * @param now      the verifier's current time, for the 15-minute window
     */
    public Verification verify(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                               byte[] body, Instant now) {
        Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> h.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));

        String authorization = first(h, "Authorization");
        if (authorization == null || authorization.isBlank()) {
            return Verification.fail(Outcome.MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token");
        }
        // 1. the header's shape
        if (!authorization.startsWith(ALGORITHM + " ")) {
            // what API Gateway answers for e.g. "Bearer ..." on an AWS_IAM method
            return Verification.fail(Outcome.INCOMPLETE_SIGNATURE, "Invalid key=value pair (missing equal-sign) "
                    + "in Authorization header (hashed with SHA-256 and encoded with Base64): '"
                    + sha256Base64(authorization) + "'.");
        }
        Map<String, String> params = parseParams(authorization.substring(ALGORITHM.length() + 1));
        String credential = params.get("Credential");
        String signedHeaders = params.get("SignedHeaders");
        String signature = params.get("Signature");
        String amzDate = first(h, "X-Amz-Date");
        StringBuilder incomplete = new StringBuilder();
        if (credential == null) {
            incomplete.append("Authorization header requires 'Credential' parameter. ");
        }
        if (signature == null) {
            incomplete.append("Authorization header requires 'Signature' parameter. ");
        }
        if (signedHeaders == null) {
            incomplete.append("Authorization header requires 'SignedHeaders' parameter. ");
        }
        if (amzDate == null) {
            incomplete.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' "
                    + "header. ");
        }
        if (incomplete.length() > 0) {
            return Verification.fail(Outcome.INCOMPLETE_SIGNATURE, incomplete + "Authorization=" + authorization);
        }
        String[] scope = credential.split("/", -1);
        if (scope.length != 5 || scope[0].isEmpty() || scope[1].length() != 8 || !"aws4_request".equals(scope[4])) {
            return Verification.fail(Outcome.INCOMPLETE_SIGNATURE, "Credential should be scoped to a valid "
                    + "region, not '" + (scope.length > 2 ? scope[2] : "") + "'. Credential=" + credential
                    + " should be of the form ACCESS_KEY/YYYYMMDD/REGION/SERVICE/aws4_request.");
        }
        List<String> signedHeaderNames = List.of(signedHeaders.toLowerCase(Locale.ROOT).split(";", -1));
        if (!signedHeaderNames.contains("host")) {
            return Verification.fail(Outcome.INCOMPLETE_SIGNATURE,
                    "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }

        // 2. the date and the scope
        Instant signedAt;
        try {
            signedAt = AMZ_DATE.parse(amzDate, Instant::from);
        } catch (DateTimeParseException e) {
            return Verification.fail(Outcome.INCOMPLETE_SIGNATURE, "Date must be in ISO-8601 'basic format'. "
                    + "Got '" + amzDate + "'. See http://en.wikipedia.org/wiki/ISO_8601");
        }
        String accessKey = scope[0];
        String scopeDate = scope[1];
        String scopeRegion = scope[2];
        if (!scopeDate.equals(amzDate.substring(0, 8))) {
            return Verification.fail(Outcome.INVALID_SIGNATURE, "Date in Credential scope does not match "
                    + "YYYYMMDD from ISO-8601 version of date from HTTP: '" + scopeDate + "' != '"
                    + amzDate.substring(0, 8) + "', from '" + amzDate + "'.");
        }
        if (!region.equals(scopeRegion)) {
            return Verification.fail(Outcome.INVALID_SIGNATURE, "Credential should be scoped to a valid region. ");
        }
        if (!SERVICE.equals(scope[3])) {
            return Verification.fail(Outcome.INVALID_SIGNATURE,
                    "Credential should be scoped to correct service: '" + SERVICE + "'. ");
        }
        if (signedAt.isBefore(now.minus(MAX_SKEW))) {
            return Verification.fail(Outcome.EXPIRED, "Signature expired: " + amzDate + " is now earlier than "
                    + AMZ_DATE.format(now.minus(MAX_SKEW)) + " (" + AMZ_DATE.format(now) + " - 15 min.)");
        }
        if (signedAt.isAfter(now.plus(MAX_SKEW))) {
            return Verification.fail(Outcome.EXPIRED, "Signature not yet current: " + amzDate
                    + " is still later than " + AMZ_DATE.format(now.plus(MAX_SKEW)) + " (" + AMZ_DATE.format(now)
                    + " + 15 min.)");
        }

        // 3. the key
        String secret = credentials.get(accessKey);
        if (secret == null) {
            return Verification.fail(Outcome.UNRECOGNIZED_CLIENT,
                    "The security token included in the request is invalid.");
        }

        // 4. the signature: the canonical request from what was received, signed again with the secret
        List<String> canonicalHeaders = new ArrayList<>(signedHeaderNames.size());
        for (String name : signedHeaderNames) {
            List<String> values = h.get(name);
            if (values == null) {
                return Verification.fail(Outcome.INVALID_SIGNATURE, mismatch()
                        + " (the signed header '" + name + "' is not in the request)");
            }
            canonicalHeaders.add(name + ":" + canonicalHeaderValue(values));
        }
        String canonicalRequest = method.toUpperCase(Locale.ROOT) + "\n"
                + canonicalUri(rawPath) + "\n"
                + canonicalQuery(rawQuery) + "\n"
                + String.join("\n", canonicalHeaders) + "\n\n"
                + String.join(";", signedHeaderNames) + "\n"
                + hex(sha256(body == null ? new byte[0] : body));
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n"
                + scopeDate + "/" + scopeRegion + "/" + SERVICE + "/aws4_request\n"
                + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        String expected = signature(secret, scopeDate, scopeRegion, SERVICE, stringToSign);
        if (!MessageDigest.isEqual(bytes(expected), bytes(signature.toLowerCase(Locale.ROOT)))) {
            // AWS shows both strings: it is the only practical way to debug a client's signing
            return Verification.fail(Outcome.INVALID_SIGNATURE, mismatch()
                    + "\n\nThe Canonical String for this request should have been\n'" + canonicalRequest
                    + "'\n\nThe String-to-Sign should have been\n'" + stringToSign + "'\n");
        }
        return new Verification(Outcome.OK, null, accessKey, accountId,
                "arn:aws:iam::" + accountId + ":user/" + accessKey);
    }

    /** The SigV4 signature (hex HMAC-SHA256 with the derived signing key). */
    static String signature(String secret, String date, String region, String service, String stringToSign) {
        byte[] k = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        k = hmac(k, region);
        k = hmac(k, service);
        k = hmac(k, "aws4_request");
        return hex(hmac(k, stringToSign));
    }

    /**
     * Canonical URI for every service but S3: the path as received (already percent-encoded) with dot segments
     * removed, then percent-encoded once more, slashes kept. This "double encoding" is what AWS SDKs,
     * botocore and API Gateway all do for execute-api.
     */
    static String canonicalUri(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        List<String> segments = removeDotSegments(rawPath);
        StringBuilder sb = new StringBuilder(rawPath.length() + 16);
        for (String segment : segments) {
            sb.append('/').append(uriEncode(segment));
        }
        return sb.length() == 0 ? "/" : sb.toString();
    }

    /** RFC 3986 remove_dot_segments on the still-encoded path; empty segments ("//") are kept. */
    private static List<String> removeDotSegments(String path) {
        String[] parts = (path.startsWith("/") ? path.substring(1) : path).split("/", -1);
        List<String> out = new ArrayList<>(parts.length);
        for (int i = 0; i < parts.length; i++) {
            boolean last = i == parts.length - 1;
            if (parts[i].equals(".") || parts[i].equals("..")) {
                if (parts[i].equals("..") && !out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
                if (last) {
                    out.add(""); // "/a/b/.." is "/a/", with its trailing slash
                }
            } else {
                out.add(parts[i]);
            }
        }
        return out;
    }

    /** Parameters decoded, encoded strictly again (RFC 3986), sorted by name then value. */
    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String> pairs = new ArrayList<>();
        parseQuery(rawQuery).forEach((name, values) -> {
            for (String v : values) {
                pairs.add(uriEncode(name) + "=" + uriEncode(v));
            }
        });
        // sorting "name=value" strings by code point orders by name first only when names never contain '=';
        // they cannot: '=' in a name is encoded as %3D
        pairs.sort(null);
        return String.join("&", pairs);
    }

    /** Values trimmed, inner runs of spaces collapsed, several values joined by commas. */
    private static String canonicalHeaderValue(List<String> values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(values.get(i).trim().replaceAll(" +", " "));
        }
        return sb.toString();
    }

    /** RFC 3986 percent-encoding of everything but unreserved characters, upper-case hex. */
    static String uriEncode(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX_UPPER[c >> 4]).append(HEX_UPPER[c & 0xf]);
            }
        }
        return sb.toString();
    }

    private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static String mismatch() {
        return "The request signature we calculated does not match the signature you provided. Check your AWS "
                + "Secret Access Key and signing method. Consult the service documentation for details.";
    }

    private static String first(Map<String, List<String>> h, String name) {
        List<String> v = h.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** "Credential=..., SignedHeaders=..., Signature=..." (commas, optional spaces). */
    private static Map<String, String> parseParams(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : s.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        return out;
    }

    /**
     * Raw query to decoded parameters; the signer encodes them again for the canonical query. Only %XX is
     * decoded: '+' stays a plus (SigV4 clients encode a space as %20).
     */
    static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = percentDecode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : percentDecode(pair.substring(eq + 1));
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    private static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                    b = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                out.writeBytes(b);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private static byte[] bytes(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String sha256Base64(String s) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
