package io.github.atomiccounters.local;

import io.github.atomiccounters.local.pipeline.LocalRequest;
import io.github.atomiccounters.local.pipeline.LocalResponse;
import io.github.atomiccounters.local.pipeline.RequestPipeline;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The HTTP front door: an HTTP/1.1 server on Jetty (the server DynamoDB Local itself runs on, so the floor and the
 * runtime pay the same for HTTP), one pipeline call per request, one log line per request (method, path, status,
 * ms) unless quiet.
 *
 * <p>Jetty, not the JDK's {@code HttpServer}: the JDK server hands every request from its dispatcher thread to a
 * worker and the connection back (a selector wake-up and a re-registration, each a system call), and writes a
 * response's headers and body separately; measured, it cost the runtime about as much CPU per request as the
 * pipeline's own stages (docs/performance.md). The path and query reach the pipeline as sent (no URI compliance
 * check: API Gateway routes on the raw path, and so does {@code Router}).
 */
public final class LocalServer implements AutoCloseable {
    private static final int MAX_THREADS = 64;
    /** Request line and headers; API Gateway itself refuses more than 10 KB of headers, the check stays its. */
    private static final int MAX_HEADER_BYTES = 64 * 1024;

    private final Server server;
    private final ServerConnector connector;

    private LocalServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    public static LocalServer start(String host, int port, RequestPipeline pipeline, PrintStream log) {
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 4);
        threads.setName("http");
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(MAX_HEADER_BYTES);
        http.setUriCompliance(UriCompliance.UNSAFE);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                LocalServer.handle(request, response, callback, pipeline, log);
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // nothing more to do
            }
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return new LocalServer(server, connector);
    }

    public int port() {
        return connector.getLocalPort();
    }

    private static void handle(Request request, Response response, Callback callback, RequestPipeline pipeline,
                               PrintStream log) {
        long started = System.nanoTime();
        int status = 500;
        String method = request.getMethod();
        String path = request.getHttpURI().getPath();
        try {
            byte[] body;
            try (InputStream in = Content.Source.asInputStream(request)) {
                body = in.readAllBytes();
            }
            LocalRequest local = new LocalRequest(method, path, request.getHttpURI().getQuery(),
                    headers(request), body, Request.getRemoteAddr(request));
            LocalResponse answer = pipeline.handle(local);
            status = answer.status();
            response.setStatus(status);
            answer.headers().forEach((k, v) -> response.getHeaders().put(k, v));
            boolean noBody = status == 204 || status == 304 || method.equals("HEAD");
            if (noBody) {
                callback.succeeded();
            } else {
                byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, out.length);
                response.write(true, ByteBuffer.wrap(out), callback);
            }
        } catch (Throwable e) {
            callback.failed(e);
        } finally {
            if (log != null) {
                log.printf("%s %s %d %.1fms%n", method, path, status, (System.nanoTime() - started) / 1e6);
            }
        }
    }

    /** The request's headers by name, each with its values in the order sent. */
    private static Map<String, List<String>> headers(Request request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        Map<String, String> names = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (HttpField field : request.getHeaders()) {
            String name = names.computeIfAbsent(field.getName(), n -> n);
            headers.computeIfAbsent(name, n -> new ArrayList<>(1)).add(field.getValue());
        }
        return headers;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception ignored) {
            // stopping: nothing more to do
        }
    }
}
