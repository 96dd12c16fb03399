package io.github.atomiccounters.local;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * DynamoDB Local started in-process as an HTTP server on a loopback port.
 *
 * <p>Why HTTP and not {@code DynamoDBEmbedded}: API Gateway's AWS integration POSTs raw DynamoDB JSON (the output
 * of the request template) and hands the raw status and body to the response templates. Going through the same
 * wire protocol keeps the local runtime honest: the exact JSON a template renders is what DynamoDB Local parses,
 * and the exact error bodies it returns ({@code __type}, {@code Message}) are what the response templates see.
 *
 * <p>Measured on the shared 2-core build machine ({@code EmbeddedDynamoDbTest} prints the numbers): the first
 * start in a JVM takes about 3 s (7 s under heavy load), almost all of it class loading; a second start in the
 * same JVM about 10-15 ms. A warm raw GetItem round trip averages 1.2-1.6 ms (2.5-5 ms when the machine is
 * loaded); DescribeLimits, which touches no table, takes about 1 ms, so DynamoDB Local's own request handling
 * dominates, not this client.
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

    private final DynamoDBProxyServer server;
    private final URI endpoint;
    private final java.net.URL endpointUrl;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile DynamoDbClient client;

    static {
        // HttpURLConnection keeps at most http.maxConnections idle connections per host (default 5): with many
        // concurrent requests the rest would reconnect every time. Only raised when nobody chose a value.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "256");
        }
    }

    private static java.net.URL toUrl(URI uri) {
        try {
            return uri.toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private EmbeddedDynamoDb(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
        this.endpointUrl = toUrl(endpoint);
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
            try {
                server.start();
                return new EmbeddedDynamoDb(server, port);
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
     * Thread-safe; connections are pooled by the shared HttpClient.
     *
     * @param action   the DynamoDB action, e.g. {@code UpdateItem}
     * @param jsonBody the request JSON (what a request template rendered)
     */
    public DynamoDbRawResponse call(String action, String jsonBody) {
        Objects.requireNonNull(action, "action");
        // A blocking HttpURLConnection on the caller's thread, kept alive between calls: measured cheaper in CPU
        // per request than java.net.http's client (whose selector thread and futures dominated the profile of
        // the request threads; see docs/performance.md).
        byte[] body = (jsonBody == null ? "" : jsonBody).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try {
            java.net.HttpURLConnection connection = (java.net.HttpURLConnection) endpointUrl.openConnection();
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setConnectTimeout(10_000);
            connection.setReadTimeout(30_000);
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
                text = in == null ? "" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            return new DynamoDbRawResponse(status, text);
        } catch (IOException e) {
            throw new UncheckedIOException("DynamoDB Local call " + action + " to " + endpoint + " failed", e);
        }
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
     * scalar types: S, N or B; {@code skType} is ignored without a sort key.
     */
    public void ensureTable(String name, String pk, String pkType, String skOrNull, String skType,
                            String ttlAttributeOrNull) {
        DynamoDbClient ddb = client();
        boolean exists;
        try {
            ddb.describeTable(b -> b.tableName(name));
            exists = true;
        } catch (ResourceNotFoundException e) {
            exists = false;
        }
        if (!exists) {
            List<AttributeDefinition> attributes = new ArrayList<>();
            List<KeySchemaElement> keys = new ArrayList<>();
            attributes.add(AttributeDefinition.builder().attributeName(pk).attributeType(pkType).build());
            keys.add(KeySchemaElement.builder().attributeName(pk).keyType(KeyType.HASH).build());
            if (skOrNull != null) {
                attributes.add(AttributeDefinition.builder().attributeName(skOrNull).attributeType(skType).build());
                keys.add(KeySchemaElement.builder().attributeName(skOrNull).keyType(KeyType.RANGE).build());
            }
            try {
                ddb.createTable(b -> b.tableName(name)
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(attributes)
                        .keySchema(keys));
            } catch (ResourceInUseException raced) {
                // another thread created it in the meantime: fine
            }
            ddb.waiter().waitUntilTableExists(b -> b.tableName(name));
        }
        if (ttlAttributeOrNull != null) {
            TimeToLiveStatus status = ddb.describeTimeToLive(b -> b.tableName(name))
                    .timeToLiveDescription().timeToLiveStatus();
            // Enabling TTL twice is a ValidationException, so only enable it when it is off.
            if (status != TimeToLiveStatus.ENABLED && status != TimeToLiveStatus.ENABLING) {
                ddb.updateTimeToLive(b -> b.tableName(name)
                        .timeToLiveSpecification(t -> t.attributeName(ttlAttributeOrNull).enabled(true)));
            }
        }
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
