package io.github.atomiccounters.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.atomiccounters.local.pipeline.LocalRequest;
import io.github.atomiccounters.local.pipeline.LocalResponse;
import io.github.atomiccounters.local.pipeline.RequestPipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP front door: the JDK's HTTP server, one pipeline call per request, one log line per request
 * (method, path, status, ms) unless quiet. Worker threads block on DynamoDB Local, so there are many.
 */
public final class LocalServer implements AutoCloseable {
    private static final int WORKERS = 128;
    private static final String NODELAY = "sun.net.httpserver.nodelay";

    private final HttpServer server;
    private final ExecutorService workers;

    private LocalServer(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    public static LocalServer start(String host, int port, RequestPipeline pipeline, PrintStream log) {
        // The JDK server writes a response's headers and body in separate writes and leaves Nagle's algorithm on:
        // the body then waits for the client's delayed ACK of the headers, about 40 ms per request on Linux
        // (measured: 15 -> 55 req/s for one client). TCP_NODELAY is this property, read once per JVM when the
        // first HttpServer is created; an explicit -Dsun.net.httpserver.nodelay=false still wins.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 1024);
            AtomicInteger ids = new AtomicInteger();
            ThreadPoolExecutor workers = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "http-" + ids.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            server.setExecutor(workers);
            server.createContext("/", exchange -> handle(exchange, pipeline, log));
            server.start();
            return new LocalServer(server, workers);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void handle(HttpExchange exchange, RequestPipeline pipeline, PrintStream log) throws IOException {
        long started = System.nanoTime();
        int status = 500;
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            LocalRequest request = new LocalRequest(exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders(), body,
                    exchange.getRemoteAddress().getAddress().getHostAddress());
            LocalResponse response = pipeline.handle(request);
            status = response.status();
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            byte[] out = response.body().getBytes(StandardCharsets.UTF_8);
            boolean noBody = status == 204 || status == 304 || exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(status, noBody ? -1 : out.length);
            if (!noBody) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        } finally {
            if (log != null) {
                log.printf("%s %s %d %.1fms%n", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        status, (System.nanoTime() - started) / 1e6);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
