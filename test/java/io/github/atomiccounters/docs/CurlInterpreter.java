package io.github.atomiccounters.docs;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code curl} without curl: the options the docs use, parsed as curl parses them and sent as curl sends them.
 *
 * <ul>
 *   <li>{@code -s}, {@code -S}, {@code -i} (also combined: {@code -si}, {@code -sSi}): {@code -i} puts the status
 *       line and headers before the body in the output.</li>
 *   <li>{@code -X METHOD} (or {@code -XMETHOD}); without it, POST with data and GET without.</li>
 *   <li>{@code -d DATA} / {@code --data DATA}, repeated ones joined with {@code &} as curl does; with data and no
 *       {@code Content-Type} header, curl's default {@code application/x-www-form-urlencoded} is sent (so a doc
 *       that forgets {@code -H 'Content-Type: application/json'} gets the API's 415, as with the real curl).
 *       {@code -d @file} is refused.</li>
 *   <li>{@code -H 'Name: value'}; {@code -H 'Name:'} removes a header curl would send.</li>
 *   <li>{@code --aws-sigv4 'aws:amz:REGION:SERVICE'} with {@code --user KEY:SECRET} (or {@code -u}): SigV4 with the
 *       AWS SDK's {@code AwsV4HttpSigner}, as the e2e tests' ApiClient signs, at the time of the given clock (the
 *       runtime's).</li>
 *   <li>exactly one URL.</li>
 * </ul>
 * Any other option is refused, naming it. curl's own headers ({@code User-Agent: curl/...}, {@code Accept: *}{@code /*})
 * are sent too.
 */
final class CurlInterpreter {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    /** Headers java.net.http sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("host", "connection", "content-length", "expect", "upgrade");
    static final String USER_AGENT = "curl/8.5.0";
    static final String FORM = "application/x-www-form-urlencoded";

    /** A curl command line the interpreter refuses. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** SigV4 parameters of {@code --aws-sigv4} and {@code --user}. */
    record SigV4(String region, String service, String accessKey, String secretKey) {
    }

    /** A parsed command: what curl would send. {@code headers}: in order, as given; null data = no body. */
    record Request(String method, URI url, Map<String, String> headers, String data, boolean include,
                   SigV4 sigv4) {
        Request withUrl(URI newUrl) {
            return new Request(method, newUrl, headers, data, include, sigv4);
        }
    }

    /** An answer: status, headers (names in any case), body. */
    record Response(int status, Map<String, List<String>> headers, String body) {
    }

    private final Clock signingClock;

    /** Signs {@code --aws-sigv4} requests at the time of {@code signingClock}. */
    CurlInterpreter(Clock signingClock) {
        this.signingClock = signingClock;
    }

    /** The request of curl's arguments (the words after {@code curl}). */
    static Request parse(List<String> args) throws Refused {
        String method = null;
        List<String> data = new ArrayList<>();
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> removed = new ArrayList<>();
        boolean include = false;
        String sigv4 = null;
        String user = null;
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--")) {
                switch (arg) {
                    case "--data" -> data.add(value(args, ++i, arg));
                    case "--aws-sigv4" -> sigv4 = value(args, ++i, arg);
                    case "--user" -> user = value(args, ++i, arg);
                    default -> throw new Refused("unsupported curl option " + arg
                            + " (supported: -s, -S, -i, -X, -d/--data, -H, --aws-sigv4, --user)");
                }
            } else if (arg.startsWith("-") && arg.length() > 1) {
                char option = arg.charAt(1);
                String attached = arg.length() > 2 ? arg.substring(2) : null;
                switch (option) {
                    case 's', 'S', 'i' -> {
                        for (char flag : arg.substring(1).toCharArray()) {
                            if (flag == 'i') {
                                include = true;
                            } else if (flag != 's' && flag != 'S') {
                                throw new Refused("unsupported curl option -" + flag + " (in " + arg + "; supported: "
                                        + "-s, -S, -i, -X, -d/--data, -H, --aws-sigv4, --user)");
                            }
                        }
                    }
                    case 'X' -> method = attached != null ? attached : value(args, ++i, "-X");
                    case 'd' -> data.add(attached != null ? attached : value(args, ++i, "-d"));
                    case 'H' -> header(attached != null ? attached : value(args, ++i, "-H"), headers, removed);
                    case 'u' -> user = attached != null ? attached : value(args, ++i, "-u");
                    default -> throw new Refused("unsupported curl option " + arg
                            + " (supported: -s, -S, -i, -X, -d/--data, -H, --aws-sigv4, --user)");
                }
            } else {
                urls.add(arg);
            }
        }
        if (urls.size() != 1) {
            throw new Refused(urls.isEmpty() ? "curl without a URL" : "curl with " + urls.size() + " URLs " + urls
                    + " (one per command)");
        }
        for (String d : data) {
            if (d.startsWith("@")) {
                throw new Refused("-d " + d + ": reading the data from a file is not supported (write it inline)");
            }
        }
        URI url;
        try {
            url = new URI(urls.get(0));
        } catch (java.net.URISyntaxException e) {
            throw new Refused("not a URL: " + urls.get(0) + " (" + e.getReason() + ")");
        }
        if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))) {
            throw new Refused("not an http(s) URL: " + urls.get(0));
        }
        String body = data.isEmpty() ? null : String.join("&", data);
        if (body != null && headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Content-Type"))
                && removed.stream().noneMatch(h -> h.equalsIgnoreCase("Content-Type"))) {
            Map<String, String> withType = new LinkedHashMap<>();
            withType.put("Content-Type", FORM);  // curl's default for -d
            withType.putAll(headers);
            headers = withType;
        }
        SigV4 signing = null;
        if (sigv4 != null) {
            String[] p = sigv4.split(":", -1);
            if (p.length != 4 || !p[0].equals("aws") || !p[1].equals("amz") || p[2].isEmpty() || p[3].isEmpty()) {
                throw new Refused("--aws-sigv4 " + sigv4 + ": expected aws:amz:REGION:SERVICE");
            }
            if (user == null || user.indexOf(':') < 0) {
                throw new Refused("--aws-sigv4 needs --user ACCESS_KEY:SECRET_KEY");
            }
            int colon = user.indexOf(':');
            signing = new SigV4(p[2], p[3], user.substring(0, colon), user.substring(colon + 1));
        } else if (user != null) {
            throw new Refused("--user without --aws-sigv4 (HTTP basic auth) is not supported");
        }
        String verb = method != null ? method : body != null ? "POST" : "GET";
        return new Request(verb, url, headers, body, include, signing);
    }

    private static String value(List<String> args, int i, String option) throws Refused {
        if (i >= args.size()) {
            throw new Refused("curl option " + option + " without its value");
        }
        return args.get(i);
    }

    private static void header(String header, Map<String, String> headers, List<String> removed) throws Refused {
        int colon = header.indexOf(':');
        if (colon <= 0) {
            throw new Refused("-H " + header + ": expected 'Name: value'");
        }
        String name = header.substring(0, colon).strip();
        String value = header.substring(colon + 1).strip();
        if (RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new Refused("-H " + header + ": the interpreter cannot send a " + name + " header");
        }
        headers.keySet().removeIf(k -> k.equalsIgnoreCase(name));
        if (value.isEmpty()) {
            removed.add(name);  // curl: "Name:" removes the header
        } else {
            headers.put(name, value);
        }
    }

    /** Sends the request as curl would and returns the answer. */
    Response send(Request request) throws IOException {
        byte[] body = request.data() == null ? new byte[0] : request.data().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", USER_AGENT);
        headers.put("Accept", "*/*");
        headers.putAll(request.headers());
        if (request.sigv4() != null) {
            headers.putAll(sign(request, body));
        }
        HttpRequest.Builder http = HttpRequest.newBuilder(request.url()).timeout(Duration.ofSeconds(60))
                .method(request.method(), request.data() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                http.header(name, value);
            }
        });
        try {
            HttpResponse<String> response = HTTP.send(http.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, List<String>> answerHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            answerHeaders.putAll(response.headers().map());
            answerHeaders.remove(":status");
            return new Response(response.statusCode(), answerHeaders, response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The SigV4 headers of the request (Authorization, X-Amz-Date, ...): every header the request sends is signed. */
    private Map<String, String> sign(Request request, byte[] body) {
        SdkHttpFullRequest.Builder unsigned = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.fromValue(request.method())).uri(request.url());
        request.headers().forEach(unsigned::putHeader);
        SigV4 s = request.sigv4();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsBasicCredentials.create(s.accessKey(), s.secretKey()))
                .request(unsigned.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, signingClock)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, s.service())
                .putProperty(AwsV4HttpSigner.REGION_NAME, s.region()));
        Map<String, String> out = new LinkedHashMap<>();
        signed.request().headers().forEach((name, values) -> {
            if (request.headers().keySet().stream().noneMatch(name::equalsIgnoreCase)) {
                out.put(name, values.get(0));
            }
        });
        return out;
    }

    /** What curl prints for this answer: the body, after the status line and headers with {@code -i}. */
    static String output(Request request, Response response) {
        if (!request.include()) {
            return response.body();
        }
        StringBuilder out = new StringBuilder("HTTP/1.1 ").append(response.status()).append("\r\n");
        response.headers().forEach((name, values) -> values.forEach(v -> out.append(name).append(": ").append(v)
                .append("\r\n")));
        return out.append("\r\n").append(response.body()).toString();
    }
}
