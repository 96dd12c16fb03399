package io.github.atomiccounters.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A tiny in-process HTTP server scripted with answers, one per request in order, that records what it received.
 * When the script runs out it answers 500 with a body saying so, which fails any test that sent too much.
 */
final class StubServer implements AutoCloseable {

    /** A request as received: raw path (still encoded), headers (case-insensitive names) and body. */
    record Received(String method, String rawPath, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** A scripted answer; {@code hang} answers nothing until the server closes. */
    record Answer(int status, Map<String, String> headers, String body, boolean hang) {
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch closing = new CountDownLatch(1);

    StubServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    /** The base URL a client uses, stage included. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    URI uri() {
        return URI.create(endpoint());
    }

    StubServer answer(int status, String body) {
        return answer(status, body, Map.of());
    }

    StubServer answer(int status, String body, Map<String, String> headers) {
        script.add(new Answer(status, headers, body, false));
        return this;
    }

    /** The same answer n times. */
    StubServer answerTimes(int n, int status, String body, Map<String, String> headers) {
        for (int i = 0; i < n; i++) {
            answer(status, body, headers);
        }
        return this;
    }

    /** An answer that never comes (until close): the client's request timeout fires after sending. */
    StubServer hang() {
        script.add(new Answer(0, Map.of(), "", true));
        return this;
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    Received only() {
        List<Received> all = received();
        if (all.size() != 1) {
            throw new AssertionError("expected exactly one request, got " + all.size() + ": " + all);
        }
        return all.get(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), headers, body));
        Answer answer = script.poll();
        if (answer == null) {
            answer = new Answer(500, Map.of(), "{\"error\":\"StubScriptEnded\",\"message\":\"no answer scripted\"}",
                    false);
        }
        if (answer.hang()) {
            try {
                closing.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        if (!answer.headers().containsKey("Content-Type") && !answer.body().isEmpty()) {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
