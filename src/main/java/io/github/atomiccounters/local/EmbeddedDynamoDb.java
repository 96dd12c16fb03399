package io.github.atomiccounters.local;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.http.HttpTester;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * DynamoDB Local started in-process as an HTTP server on a loopback port.
 *
 * <p>Why HTTP and not {@code DynamoDBEmbedded}: API Gateway's AWS integration POSTs raw DynamoDB JSON (the output
 * of the request template) and hands the raw status and body to the response templates. Going through the same
 * wire protocol keeps the local runtime honest: the exact JSON a template renders is what DynamoDB Local parses,
 * and the exact error bodies it returns ({@code __type}, {@code Message}) are what the response templates see.
 *
 * <p>{@link #call} hands those HTTP bytes to DynamoDB Local's own Jetty server without a socket: through a Jetty
 * {@code LocalConnector} on the same server, so the same HTTP parser and the same DynamoDB Local handler read the
 * same request bytes as over loopback TCP, and the response is the bytes the server would have written to the
 * socket. What that saves per call (the kernel's loopback round trip, the client's and the server's socket I/O,
 * the hand-over to Jetty's selector thread) is measured in docs/performance.md. The TCP port stays open for other
 * tools ({@code aws dynamodb ... --endpoint-url}); {@value #TRANSPORT_PROPERTY}{@code =http} sends {@link #call}
 * over it too (what {@code EmbeddedDynamoDbTest} compares the two with).
 *
 * <p>Tables are created with the same raw calls ({@link #ensureTable}), so a start does not load the AWS SDK; the
 * SDK client ({@link #client}) is for tests and tools.
 */
public final class EmbeddedDynamoDb implements AutoCloseable {

    /** Only the shape is checked by DynamoDB Local; with -sharedDb the key and region do not select a database. */
    static final String ACCESS_KEY = "local";
    static final String SECRET_KEY = "local";
    static final String REGION = "us-east-1";
    private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/20240101/" + REGION
            + "/dynamodb/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature="
            + "0".repeat(64);
    private static final String TARGET_PREFIX = "DynamoDB_20120810.";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final int START_ATTEMPTS = 5;
    private static final String LOG4J_FACTORY = "log4j2.loggerContextFactory";
    /** How long a call waits for DynamoDB Local's answer, as API Gateway's integration timeout would cut it. */
    private static final int READ_TIMEOUT_MS = 30_000;
    /** System property: {@code http} sends {@link #call} over loopback TCP instead of in-process. */
    public static final String TRANSPORT_PROPERTY = "atomiccounters.dynamoDbTransport";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DynamoDBProxyServer server;
    private final URI endpoint;
    private final java.net.URL endpointUrl;
    /** DynamoDB Local's Jetty connector without a socket, or null when it could not be added (then: HTTP). */
    private final LocalConnector inProcess;
    /** The start of every request's bytes: request line, Host, Content-Type, Authorization. */
    private final byte[] requestHead;
    /** Kept-alive in-process connections, one per concurrent caller at most. */
    private final ConcurrentLinkedDeque<LocalConnector.LocalEndPoint> idle = new ConcurrentLinkedDeque<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile DynamoDbClient client;

    static {
        // HttpURLConnection keeps at most http.maxConnections idle connections per host (default 5): with many
        // concurrent requests the rest would reconnect every time. Only raised when nobody chose a value.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "256");
        }
        // DynamoDB Local logs through log4j 2, whose configuration (its log4j2.xml) prints nothing of it: its own
        // loggers have no appender, and the one logger outside them is never called. log4j-core still parses that
        // XML and registers JMX beans on every start (~0.9 s of CPU, a fifth of DynamoDB Local's start-up): the API's
        // simple logger, switched off, prints the same nothing. Only when nobody configured log4j.
        if (System.getProperty(LOG4J_FACTORY) == null && System.getProperty("log4j.configurationFile") == null
                && System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty(LOG4J_FACTORY, "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
            System.setProperty("org.apache.logging.log4j.simplelog.level", "OFF");
        }
    }

    private static java.net.URL toUrl(URI uri) {
        try {
            return uri.toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private EmbeddedDynamoDb(DynamoDBProxyServer server, int port, LocalConnector inProcess) {
        this.server = server;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
        this.endpointUrl = toUrl(endpoint);
        boolean http = "http".equalsIgnoreCase(System.getProperty(TRANSPORT_PROPERTY, ""));
        this.inProcess = http ? null : inProcess;
        this.requestHead = ("POST / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: " + CONTENT_TYPE
                + "\r\nAuthorization: " + AUTHORIZATION + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Starts DynamoDB Local.
     *
     * @param dataDirOrNull null for an in-memory database, or a directory for a persistent one (created if missing)
     * @param portOrZero    the port to listen on, or 0 for a free one
     */
    public static EmbeddedDynamoDb start(Path dataDirOrNull, int portOrZero) {
        if (portOrZero < 0 || portOrZero > 65535) {
            throw new IllegalArgumentException("port must be 0 (any free port) or 1-65535, got " + portOrZero);
        }
        if (dataDirOrNull != null) {
            try {
                Files.createDirectories(dataDirOrNull);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the DynamoDB Local data directory " + dataDirOrNull, e);
            }
        }
        // A free port found by binding port 0 can be taken by someone else before Jetty binds it: retry then.
        Exception last = null;
        int attempts = portOrZero == 0 ? START_ATTEMPTS : 1;
        for (int i = 0; i < attempts; i++) {
            int port = portOrZero == 0 ? freePort() : portOrZero;
            List<String> args = new ArrayList<>(List.of("-port", Integer.toString(port), "-sharedDb",
                    // no telemetry: the runtime must work offline and must not phone home
                    "-disableTelemetry"));
            if (dataDirOrNull == null) {
                args.add("-inMemory");
            } else {
                args.addAll(List.of("-dbPath", dataDirOrNull.toAbsolutePath().toString()));
            }
            DynamoDBProxyServer server;
            try {
                server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
            } catch (Exception e) {
                throw new IllegalStateException("DynamoDB Local rejected its arguments " + args, e);
            }
            bindToLoopback(server);
            LocalConnector inProcess = addInProcessConnector(server);
            try {
                server.start();
                return new EmbeddedDynamoDb(server, port, inProcess);
            } catch (Exception e) {
                last = e;
                stopQuietly(server);
                if (!isBindFailure(e)) {
                    break;
                }
            }
        }
        throw new IllegalStateException("DynamoDB Local did not start on "
                + (portOrZero == 0 ? "a free port after " + attempts + " attempts" : "port " + portOrZero), last);
    }

    public URI endpoint() {
        return endpoint;
    }

    /**
     * POSTs one DynamoDB API call, as API Gateway's AWS integration does, and returns the raw status and body.
     * Thread-safe. In-process through DynamoDB Local's Jetty server unless {@value #TRANSPORT_PROPERTY} is
     * {@code http} (see the class comment).
     *
     * @param action   the DynamoDB action, e.g. {@code UpdateItem}
     * @param jsonBody the request JSON (what a request template rendered)
     * @throws UncheckedIOException when DynamoDB Local cannot be reached (it is closed), or with a
     *         {@link java.net.SocketTimeoutException} when it does not answer within 30 s
     */
    public DynamoDbRawResponse call(String action, String jsonBody) {
        Objects.requireNonNull(action, "action");
        byte[] body = (jsonBody == null ? "" : jsonBody).getBytes(StandardCharsets.UTF_8);
        return inProcess != null ? callInProcess(action, body) : callOverHttp(action, body);
    }

    /** The request's HTTP bytes handed to the Jetty server through its LocalConnector, on a kept-alive connection. */
    private DynamoDbRawResponse callInProcess(String action, byte[] body) {
        if (closed.get()) {
            throw new UncheckedIOException("DynamoDB Local call " + action + " to " + endpoint + " failed",
                    new java.net.ConnectException("DynamoDB Local is closed"));
        }
        byte[] tail = ("X-Amz-Target: " + TARGET_PREFIX + action + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        ByteBuffer request = ByteBuffer.allocate(requestHead.length + tail.length + body.length)
                .put(requestHead).put(tail).put(body).flip();
        LocalConnector.LocalEndPoint connection = idle.pollFirst();
        if (connection == null || !connection.isOpen()) {
            connection = inProcess.connect();
        }
        boolean reusable = false;
        try {
            connection.addInput(request);
            ByteBuffer raw = connection.waitForResponse(false, READ_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            if (raw == null) {
                throw new UncheckedIOException("DynamoDB Local call " + action + " to " + endpoint + " failed",
                        closed.get() ? new java.net.ConnectException("DynamoDB Local is closed")
                                : new java.net.SocketTimeoutException("no answer in " + READ_TIMEOUT_MS + " ms"));
            }
            HttpTester.Response response = HttpTester.parseResponse(raw);
            if (response == null) {
                throw new UncheckedIOException("DynamoDB Local call " + action + " to " + endpoint + " failed",
                        new IOException("an incomplete HTTP response"));
            }
            byte[] content = response.getContentBytes();
            reusable = !"close".equalsIgnoreCase(response.get("Connection"));
            return new DynamoDbRawResponse(response.getStatus(),
                    content == null ? "" : new String(content, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException("DynamoDB Local call " + action + " interrupted",
                    new java.io.InterruptedIOException());
        } catch (UncheckedIOException e) {
            throw e;
        } catch (Exception e) {
            throw new UncheckedIOException("DynamoDB Local call " + action + " to " + endpoint + " failed",
                    e instanceof IOException io ? io : new IOException(e));
        } finally {
            if (reusable && !closed.get()) {
                idle.offerFirst(connection);
            } else {
                connection.close();
            }
        }
    }

    /** The same request over loopback TCP: a blocking, kept-alive HttpURLConnection on the caller's thread. */
    DynamoDbRawResponse callOverHttp(String action, byte[] body) {
        try {
            java.net.HttpURLConnection connection = (java.net.HttpURLConnection) endpointUrl.openConnection();
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setConnectTimeout(10_000);
            connection.setReadTimeout(READ_TIMEOUT_MS);
            connection.setRequestProperty("Content-Type", CONTENT_TYPE);
            connection.setRequestProperty("X-Amz-Target", TARGET_PREFIX + action);
            connection.setRequestProperty("Authorization", AUTHORIZATION);
            try (java.io.OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            java.io.InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            String text;
            try (java.io.InputStream in = stream) {
                text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new DynamoDbRawResponse(status, text);
        } catch (IOException e) {
            throw new UncheckedIOException("DynamoDB Local call " + action + " to " + endpoint + " failed", e);
        }
    }

    /** True when {@link #call} goes in-process (the default), false when over loopback HTTP. */
    public boolean callsInProcess() {
        return inProcess != null;
    }

    /** An SDK v2 client pointed at this server (dummy credentials, us-east-1), for tests and table setup. */
    public DynamoDbClient client() {
        DynamoDbClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = DynamoDbClient.builder()
                            .endpointOverride(endpoint)
                            .region(Region.of(REGION))
                            .credentialsProvider(StaticCredentialsProvider.create(
                                    AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                            .httpClientBuilder(UrlConnectionHttpClient.builder())
                            .build();
                    client = c;
                }
            }
        }
        return c;
    }

    /**
     * Creates the table if it is missing (on-demand capacity) and enables TTL on the given attribute if asked.
     * Idempotent, so the runtime can call it on every start of a persistent database. Key types are DynamoDB
     * scalar types: S, N or B; {@code skType} is ignored without a sort key. Raw calls, like the runtime's: no SDK.
     */
    public void ensureTable(String name, String pk, String pkType, String skOrNull, String skType,
                            String ttlAttributeOrNull) {
        // CreateTable first (a fresh database has no tables): "already exists" is the answer of a persistent one
        ObjectNode create = JSON.createObjectNode().put("TableName", name).put("BillingMode", "PAY_PER_REQUEST");
        ArrayNode attributes = create.putArray("AttributeDefinitions");
        ArrayNode keys = create.putArray("KeySchema");
        attributes.addObject().put("AttributeName", pk).put("AttributeType", pkType);
        keys.addObject().put("AttributeName", pk).put("KeyType", "HASH");
        if (skOrNull != null) {
            attributes.addObject().put("AttributeName", skOrNull).put("AttributeType", skType);
            keys.addObject().put("AttributeName", skOrNull).put("KeyType", "RANGE");
        }
        String nameOnly = JSON.createObjectNode().put("TableName", name).toString();
        DynamoDbRawResponse created = call("CreateTable", create.toString());
        boolean existed = !created.isSuccess();
        if (existed && !created.body().contains("ResourceInUseException")) {
            throw failure("CreateTable " + name, created);
        }
        if (!existed && !readTree(created.body()).path("TableDescription").path("TableStatus").asText("")
                .equals("ACTIVE")) {
            awaitActive(name, nameOnly);
        }
        if (ttlAttributeOrNull != null) {
            String status = "DISABLED";  // a table just created
            if (existed) {
                DynamoDbRawResponse ttl = call("DescribeTimeToLive", nameOnly);
                if (!ttl.isSuccess()) {
                    throw failure("DescribeTimeToLive " + name, ttl);
                }
                status = readTree(ttl.body()).path("TimeToLiveDescription").path("TimeToLiveStatus").asText("");
            }
            // Enabling TTL twice is a ValidationException, so only enable it when it is off.
            if (!status.equals("ENABLED") && !status.equals("ENABLING")) {
                ObjectNode update = JSON.createObjectNode().put("TableName", name);
                update.putObject("TimeToLiveSpecification").put("AttributeName", ttlAttributeOrNull)
                        .put("Enabled", true);
                DynamoDbRawResponse updated = call("UpdateTimeToLive", update.toString());
                if (!updated.isSuccess()) {
                    throw failure("UpdateTimeToLive " + name, updated);
                }
            }
        }
    }

    /** DynamoDB Local creates tables ACTIVE at once; wait a little in case a version does not. */
    private void awaitActive(String name, String nameOnly) {
        for (int i = 0; i < 100; i++) {
            DynamoDbRawResponse d = call("DescribeTable", nameOnly);
            if (d.isSuccess() && readTree(d.body()).path("Table").path("TableStatus").asText("").equals("ACTIVE")) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("table " + name + " did not become ACTIVE in DynamoDB Local");
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("DynamoDB Local answered with invalid JSON: " + json, e);
        }
    }

    private static IllegalStateException failure(String what, DynamoDbRawResponse response) {
        return new IllegalStateException(what + " failed in DynamoDB Local: " + response.status() + " "
                + response.body());
    }

    /** Stops the server: its threads are not daemons, so a forgotten close() keeps the JVM running. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        DynamoDbClient c = client;
        if (c != null) {
            c.close();
        }
        for (LocalConnector.LocalEndPoint connection; (connection = idle.pollFirst()) != null; ) {
            connection.close();
        }
        stopQuietly(server);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }

    /**
     * DynamoDB Local's Jetty listens on all interfaces and has no option to change that. A local database with no
     * real authentication must not be reachable from the network, so the connector is narrowed to 127.0.0.1
     * before start. If DynamoDB Local's internals change, this silently leaves the default.
     */
    private static void bindToLoopback(DynamoDBProxyServer proxy) {
        try {
            Server jetty = (Server) field(proxy, DynamoDBProxyServer.class, "server");
            for (Connector connector : jetty.getConnectors()) {
                if (connector instanceof ServerConnector sc) {
                    sc.setHost("127.0.0.1");
                }
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError ignored) {
            // best effort, see above
        }
    }

    /**
     * Adds a LocalConnector to DynamoDB Local's Jetty server (started with it): the socket-less door of
     * {@link #call}. Without an idle timeout, so a kept-alive connection is never closed between two calls. Null,
     * and calls go over HTTP, if DynamoDB Local's internals change.
     */
    private static LocalConnector addInProcessConnector(DynamoDBProxyServer proxy) {
        try {
            Server jetty = (Server) field(proxy, DynamoDBProxyServer.class, "server");
            LocalConnector connector = new LocalConnector(jetty);
            connector.setIdleTimeout(-1);
            jetty.addConnector(connector);
            return connector;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
            if (t instanceof IOException && t.getMessage() != null && t.getMessage().contains("bind")) {
                return true;
            }
        }
        return false;
    }

    private static void stopQuietly(DynamoDBProxyServer server) {
        try {
            server.stop();
        } catch (Exception ignored) {
            // nothing more to do: we are shutting down
        }
        interruptBackgroundJobs(server);
    }

    /**
     * stop() only cancels DynamoDB Local's background job schedulers (shard rollover, TTL deletion); each then
     * leaves on its next wake-up, minutes later, and its pool thread is not a daemon, so the JVM cannot exit in
     * the meantime. Interrupting the job pools (LocalDBClient.shutdownNow) ends them at once. Reached through
     * private fields: server.serverHandler.primaryHandler.dbRequestHandlers; best effort if they change.
     */
    private static void interruptBackgroundJobs(DynamoDBProxyServer server) {
        try {
            Object handler = field(server, DynamoDBProxyServer.class, "serverHandler");
            Object primary = field(handler, handler.getClass(), "primaryHandler");
            Object dbs = field(primary, primary.getClass(), "dbRequestHandlers");
            if (dbs instanceof java.util.Map<?, ?> map) {
                for (Object db : List.copyOf(map.values())) {
                    db.getClass().getMethod("shutdownNow").invoke(db);
                }
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError ignored) {
            // best effort, see above
        }
    }

    private static Object field(Object target, Class<?> start, String name) throws ReflectiveOperationException {
        for (Class<?> c = start; c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(target);
            } catch (NoSuchFieldException next) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(start.getName() + "." + name);
    }
}
