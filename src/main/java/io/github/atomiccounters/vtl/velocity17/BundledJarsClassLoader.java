package io.github.atomiccounters.vtl.velocity17;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;

/**
 * A class loader over jars that are resources of this project's jar (not files): their entries are read into memory
 * once, classes are defined on demand, and resources are served from memory. Its parent is the platform class loader,
 * so nothing of the application's class path is visible from it: Velocity 1.7 classes loaded here cannot meet
 * Velocity 2.4's classes of the same names, which the application class path holds.
 */
final class BundledJarsClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private static final String PROTOCOL = "bundled-jar";

    /** Entry name (e.g. {@code org/apache/velocity/Template.class}) to its bytes; a class's bytes go once defined. */
    private final Map<String, byte[]> entries = new ConcurrentHashMap<>();
    private final Map<String, byte[]> resources = new ConcurrentHashMap<>();
    private final URLStreamHandler handler = new URLStreamHandler() {
        @Override
        protected URLConnection openConnection(URL url) throws IOException {
            byte[] bytes = resources.get(url.getPath().substring(1));
            if (bytes == null) {
                throw new IOException("no bundled resource " + url);
            }
            return new URLConnection(url) {
                @Override
                public void connect() {
                }

                @Override
                public InputStream getInputStream() {
                    return new ByteArrayInputStream(bytes);
                }
            };
        }
    };

    /**
     * @param name   names the loader (in stack traces)
     * @param anchor the class whose package holds the jars
     * @param jars   the jars' resource names relative to {@code anchor}, searched in this order
     * @throws IllegalStateException when a jar is not on the class path (the build copies them: see pom.xml)
     */
    BundledJarsClassLoader(String name, Class<?> anchor, List<String> jars) {
        super(name, ClassLoader.getPlatformClassLoader());
        for (String jar : jars) {
            try (InputStream in = anchor.getResourceAsStream(jar)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + jar + " next to " + anchor.getName()
                            + ": the build copies it there (maven-dependency-plugin, bundle-velocity-1.7)");
                }
                read(new JarInputStream(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bundled " + jar, e);
            }
        }
    }

    private void read(JarInputStream jar) throws IOException {
        for (JarEntry entry = jar.getNextJarEntry(); entry != null; entry = jar.getNextJarEntry()) {
            if (!entry.isDirectory()) {
                byte[] bytes = jar.readAllBytes();
                (entry.getName().endsWith(".class") ? entries : resources).putIfAbsent(entry.getName(), bytes);
            }
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = entries.remove(name.replace('.', '/') + ".class");
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }

    @Override
    protected URL findResource(String name) {
        if (!resources.containsKey(name)) {
            return null;
        }
        try {
            return new URL(PROTOCOL, null, -1, "/" + name, handler);
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL url = findResource(name);
        return url == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(url));
    }
}
