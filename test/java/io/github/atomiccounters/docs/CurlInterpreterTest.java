package io.github.atomiccounters.docs;

import com.sun.net.httpserver.HttpServer;
import io.github.atomiccounters.local.SigV4Verifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The curl interpreter's parsing, and what it sends, against a tiny in-process stub server. */
class CurlInterpreterTest {
    private static final String KEY = "AKIALOCALCOUNTERS000";
    private static final String SECRET = "local/secret/for/atomic-counters/only";
    private static final Instant SIGNED_AT = Instant.parse("2031-02-21T12:00:00Z");

    /** A request as the stub received it. */
    record Received(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.get(0);
        }
    }

    private static HttpServer server;
    private static final ConcurrentLinkedQueue<Received> RECEIVED = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
            byte[] body = exchange.getRequestBody().readAllBytes();
            RECEIVED.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), headers, body));
            byte[] answer = ("{\"method\": \"" + exchange.getRequestMethod() + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Retry-After", "7");
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().endsWith("/conflict") ? 409 : 200,
                    answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Parses and sends {@code args}; returns the answer and what the stub received. */
    private static Received send(String... args) throws Exception {
        RECEIVED.clear();
        CurlInterpreter curl = new CurlInterpreter(Clock.fixed(SIGNED_AT, ZoneOffset.UTC));
        curl.send(CurlInterpreter.parse(List.of(args)));
        assertThat(RECEIVED).hasSize(1);
        return RECEIVED.peek();
    }

    @Test
    void dataWithoutAContentTypeIsAFormPostAsCurlSendsIt() throws Exception {
        Received r = send("-s", url("/v1/counters/a/increment"), "-d", "{\"by\": 5}");
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"by\": 5}");
        assertThat(r.header("User-Agent")).startsWith("curl/");
        assertThat(r.header("Accept")).isEqualTo("*/*");
    }

    @Test
    void headersMethodAndRepeatedData() throws Exception {
        Received r = send("-sS", "-X", "PUT", "-H", "Content-Type: application/json", "-H", "Idempotency-Key: k1",
                "--data", "a=1", "-d", "b=2", url("/v1/counters/a?x=1"));
        assertThat(r.method()).isEqualTo("PUT");
        assertThat(r.rawPath()).isEqualTo("/v1/counters/a");
        assertThat(r.rawQuery()).isEqualTo("x=1");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.header("Idempotency-Key")).isEqualTo("k1");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("a=1&b=2");

        Received get = send(url("/v1/counters/a"));
        assertThat(get.method()).isEqualTo("GET");
        assertThat(get.header("Content-Type")).isNull();
        assertThat(get.body()).isEmpty();

        Received delete = send("-XDELETE", url("/v1/counters/a"));
        assertThat(delete.method()).isEqualTo("DELETE");

        Received noType = send("-H", "Content-Type:", "-d", "x", url("/v1/x"));
        assertThat(noType.header("Content-Type")).as("-H 'Name:' removes curl's header").isNull();
    }

    @Test
    void awsSigv4SignsWhatItSendsWithTheGivenCredentialsRegionServiceAndClock() throws Exception {
        Received r = send("-s", "--aws-sigv4", "aws:amz:us-east-1:execute-api", "--user", KEY + ":" + SECRET,
                "-H", "Content-Type: application/json", "-H", "Idempotency-Key: k1", "-X", "POST",
                url("/v1/counters/likes/increment"), "-d", "{\"by\": 5}");
        assertThat(r.header("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=" + KEY
                + "/20310221/us-east-1/execute-api/aws4_request, SignedHeaders=");
        assertThat(r.header("X-Amz-Date")).isEqualTo("20310221T120000Z");
        SigV4Verifier verifier = new SigV4Verifier(Map.of(KEY, SECRET), "us-east-1");
        SigV4Verifier.Verification ok = verifier.verify(r.method(), r.rawPath(), r.rawQuery(), r.headers(), r.body(),
                SIGNED_AT);
        assertThat(ok.ok()).as(ok.message()).isTrue();
        assertThat(r.header("Authorization")).contains("idempotency-key").contains("content-type").contains("host");

        SigV4Verifier otherSecret = new SigV4Verifier(Map.of(KEY, "another"), "us-east-1");
        assertThat(otherSecret.verify(r.method(), r.rawPath(), r.rawQuery(), r.headers(), r.body(), SIGNED_AT).ok())
                .isFalse();
    }

    @Test
    void includePrintsTheStatusLineAndHeadersBeforeTheBody() throws Exception {
        CurlInterpreter curl = new CurlInterpreter(Clock.systemUTC());
        CurlInterpreter.Request request = CurlInterpreter.parse(List.of("-si", url("/v1/conflict")));
        CurlInterpreter.Response response = curl.send(request);
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.headers().get("retry-after")).containsExactly("7");
        String output = CurlInterpreter.output(request, response);
        assertThat(output).startsWith("HTTP/1.1 409\r\n").containsIgnoringCase("Retry-After: 7\r\n")
                .endsWith("\r\n\r\n{\"method\": \"GET\"}");
        CurlInterpreter.Request plain = CurlInterpreter.parse(List.of("-s", url("/v1/conflict")));
        assertThat(CurlInterpreter.output(plain, curl.send(plain))).isEqualTo("{\"method\": \"GET\"}");
    }

    @Test
    void everyOtherOptionIsRefusedNamingIt() {
        List<List<String>> refused = new ArrayList<>();
        refused.add(List.of("-k", "http://h/x"));
        refused.add(List.of("-sk", "http://h/x"));
        refused.add(List.of("--compressed", "http://h/x"));
        refused.add(List.of("-o", "out.json", "http://h/x"));
        assertThat(refused).allSatisfy(args -> assertThatThrownBy(() -> CurlInterpreter.parse(args))
                .isInstanceOf(CurlInterpreter.Refused.class).hasMessageStartingWith("unsupported curl option"));
        assertThatThrownBy(() -> CurlInterpreter.parse(List.of("-sk", "http://h/x"))).hasMessageContaining("-k");
        assertThatThrownBy(() -> CurlInterpreter.parse(List.of("--compressed", "http://h/x")))
                .hasMessageStartingWith("unsupported curl option --compressed");
    }

    @Test
    void malformedCommandsAreRefusedSayingWhy() {
        assertThatThrownBy(() -> CurlInterpreter.parse(List.of("-s"))).hasMessage("curl without a URL");
        assertThatThrownBy(() -> CurlInterpreter.parse(List.of("http://h/a", "http://h/b")))
                .hasMessageStartingWith("curl with 2 URLs");
        assertThatThrownBy(() -> CurlInterpreter.parse(List.of("-X"))).hasMessage("curl option -X without its value");
        assertThatThrownBy(() -> CurlInterpreter.parse(List.of("-d", "@body.json", "http://h/x")))
                .hasMessageContaining("reading the data from a file is not supported");
        assertThatThrownBy(() -> CurlInterpreter.parse(List.of("--aws-sigv4", "aws:amz:us-east-1", "--user", "a:b",
                "http://h/x"))).hasMessageContaining("expected aws:amz:REGION:SERVICE");
        assertThatThrownBy(() -> CurlInterpreter.parse(List.of("--aws-sigv4", "aws:amz:us-east-1:execute-api",
                "http://h/x"))).hasMessageContaining("needs --user");
        assertThatThrownBy(() -> CurlInterpreter.parse(List.of("--user", "a:b", "http://h/x")))
                .hasMessageContaining("basic auth");
        assertThatThrownBy(() -> CurlInterpreter.parse(List.of("ftp://h/x"))).hasMessageContaining("not an http");
        assertThatThrownBy(() -> CurlInterpreter.parse(List.of("-H", "NoColon", "http://h/x")))
                .hasMessageContaining("expected 'Name: value'");
    }
}
