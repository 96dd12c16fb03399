package io.github.atomiccounters.vtl.velocity17;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.function.Supplier;

/**
 * The part of Velocity 1.7's API this project calls, reached by reflection in the bundled jars' own class loader: no
 * class of this project compiles against Velocity 1.7, whose package names are Velocity 2.4's. Loaded once per JVM, on
 * first use.
 */
final class Velocity17 {

    /** The bundled jars (pom.xml copies them next to this class), in class path order. */
    static final List<String> JARS = List.of("lib/velocity.jar", "lib/commons-collections.jar",
            "lib/commons-lang.jar");

    private static final String RUNTIME = "org.apache.velocity.runtime.";
    private static final String NODE = RUNTIME + "parser.node.";

    final ClassLoader loader;
    final Class<?> parseException;
    final Class<?> templateInitException;
    final Class<?> astDirective;
    final Class<?> astStringLiteral;

    private final Constructor<?> newRuntime;
    private final Method setProperty;
    private final Method init;
    private final Method parse;
    private final Constructor<?> newTemplate;
    private final Method setRuntimeServices;
    private final Method setName;
    private final Method setData;
    private final Method initDocument;
    private final Method merge;
    private final Constructor<?> newContext;
    private final Method attachToContext;
    private final Constructor<?> newParseErrorException;
    private final Method parseErrorLine;
    private final Method parseErrorColumn;
    private final Method initErrorLine;
    private final Method initErrorColumn;
    private final Method childCount;
    private final Method child;
    private final Method line;
    private final Method column;
    private final Method directiveName;
    private final Field stringLiteralTree;
    /** An EventCartridge holding {@link #nullAsEmpty()}: stateless once built, attached to every render's context. */
    private final Object nullAsEmptyCartridge;

    private Velocity17() {
        loader = new BundledJarsClassLoader("velocity-1.7", Velocity17.class, JARS);
        try {
            Class<?> runtime = type(RUNTIME + "RuntimeInstance");
            Class<?> runtimeServices = type(RUNTIME + "RuntimeServices");
            Class<?> template = type("org.apache.velocity.Template");
            Class<?> context = type("org.apache.velocity.context.Context");
            Class<?> node = type(NODE + "Node");
            Class<?> cartridge = type("org.apache.velocity.app.event.EventCartridge");
            Class<?> parseErrorException = type("org.apache.velocity.exception.ParseErrorException");
            parseException = type(RUNTIME + "parser.ParseException");
            templateInitException = type("org.apache.velocity.exception.TemplateInitException");
            astDirective = type(NODE + "ASTDirective");
            astStringLiteral = type(NODE + "ASTStringLiteral");

            newRuntime = runtime.getConstructor();
            setProperty = runtime.getMethod("setProperty", String.class, Object.class);
            init = runtime.getMethod("init");
            parse = runtime.getMethod("parse", java.io.Reader.class, String.class);
            newTemplate = template.getConstructor();
            setRuntimeServices = template.getMethod("setRuntimeServices", runtimeServices);
            setName = template.getMethod("setName", String.class);
            setData = template.getMethod("setData", Object.class);
            initDocument = template.getMethod("initDocument");
            merge = template.getMethod("merge", context, java.io.Writer.class);
            newContext = type("org.apache.velocity.VelocityContext").getConstructor(java.util.Map.class);
            attachToContext = cartridge.getMethod("attachToContext", context);
            newParseErrorException = parseErrorException.getConstructor(parseException, String.class);
            parseErrorLine = parseErrorException.getMethod("getLineNumber");
            parseErrorColumn = parseErrorException.getMethod("getColumnNumber");
            initErrorLine = templateInitException.getMethod("getLineNumber");
            initErrorColumn = templateInitException.getMethod("getColumnNumber");
            childCount = node.getMethod("jjtGetNumChildren");
            child = node.getMethod("jjtGetChild", int.class);
            line = node.getMethod("getLine");
            column = node.getMethod("getColumn");
            directiveName = astDirective.getMethod("getDirectiveName");
            stringLiteralTree = astStringLiteral.getDeclaredField("nodeTree");
            stringLiteralTree.setAccessible(true);

            nullAsEmptyCartridge = cartridge.getConstructor().newInstance();
            cartridge.getMethod("addEventHandler", type("org.apache.velocity.app.event.EventHandler"))
                    .invoke(nullAsEmptyCartridge, nullAsEmpty());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the bundled Velocity 1.7 does not have the expected API", e);
        }
    }

    /** The one instance, created on first use. */
    static Velocity17 get() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final Velocity17 INSTANCE = new Velocity17();
    }

    private Class<?> type(String name) throws ClassNotFoundException {
        return Class.forName(name, false, loader);
    }

    /**
     * A ReferenceInsertionEventHandler (1.7 calls it for every reference it renders, with a null value for a null or
     * undefined one) that renders null as nothing, as API Gateway does, instead of the reference's text.
     */
    private Object nullAsEmpty() throws ClassNotFoundException {
        InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
            case "referenceInsert" -> args[1] == null ? "" : args[1];
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            case "toString" -> "null references render as nothing";
            default -> throw new UnsupportedOperationException(method.toString());
        };
        return Proxy.newProxyInstance(loader,
                new Class<?>[] {type("org.apache.velocity.app.event.ReferenceInsertionEventHandler")}, handler);
    }

    /**
     * Runs {@code action} with this loader as the thread's context class loader: Velocity 1.7 instantiates configured
     * classes (log, uberspector, resource loaders, directives) through the context class loader first, which would
     * otherwise find Velocity 2.4's classes of the same names.
     */
    <T> T withLoader(Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    Object newRuntime() {
        return construct(newRuntime);
    }

    void setProperty(Object runtime, String key, String value) {
        call(setProperty, runtime, key, value);
    }

    void init(Object runtime) {
        call(init, runtime);
    }

    /** RuntimeInstance.parse: the template's AST; a grammar error is thrown as 1.7's ParseException. */
    Object parse(Object runtime, String source, String name) {
        return call(parse, runtime, new java.io.StringReader(source), name);
    }

    /** A Template holding {@code root}, initialised (interpolated string literals are parsed now). */
    Object initialisedTemplate(Object runtime, String name, Object root) {
        Object template = construct(newTemplate);
        call(setRuntimeServices, template, runtime);
        call(setName, template, name);
        call(setData, template, root);
        call(initDocument, template);
        return template;
    }

    /**
     * A VelocityContext and the map it reads its variables from, for the renders of one template on one thread.
     * Velocity 1.7 keeps what it learns of each reference's method or property (its introspection cache) in the
     * context a render uses, checked against the class of the value it meets each time; a context kept between renders
     * spares every render that discovery (a render is then what a longer one, looping over the same nodes, is
     * already). Its variables are cleared after each render.
     */
    record RenderContext(Object context, java.util.Map<String, Object> variables) {
    }

    RenderContext newRenderContext() {
        java.util.Map<String, Object> variables = new java.util.HashMap<>();
        Object context = construct(newContext, variables);
        call(attachToContext, nullAsEmptyCartridge, context);
        return new RenderContext(context, variables);
    }

    /**
     * Renders {@code template} with {@code variables} in {@code context}, which holds only them while it runs; what the
     * template {@code #set} is added to {@code variables} (the {@code VelocityRuntime} contract).
     */
    void merge(Object template, RenderContext context, java.util.Map<String, Object> variables, java.io.Writer out) {
        context.variables().clear();
        context.variables().putAll(variables);
        try {
            call(merge, template, context.context(), out);
            variables.putAll(context.variables());  // what the template #set, as a context of its own would hold
        } finally {
            context.variables().clear();
        }
    }

    /** Line and column of a ParseException (which carries them only in its message or tokens), via ParseErrorException. */
    int[] position(Throwable parseOrInitException, String templateName) {
        if (templateInitException.isInstance(parseOrInitException)) {
            return new int[] {(Integer) call(initErrorLine, parseOrInitException),
                (Integer) call(initErrorColumn, parseOrInitException)};
        }
        Object pe = construct(newParseErrorException, parseOrInitException, templateName);
        return new int[] {(Integer) call(parseErrorLine, pe), (Integer) call(parseErrorColumn, pe)};
    }

    int childCount(Object node) {
        return (Integer) call(childCount, node);
    }

    Object child(Object node, int i) {
        return call(child, node, i);
    }

    int line(Object node) {
        return (Integer) call(line, node);
    }

    int column(Object node) {
        return (Integer) call(column, node);
    }

    String directiveName(Object directive) {
        return (String) call(directiveName, directive);
    }

    /** The tree Velocity parsed an interpolated string literal into at init, null for a plain one. */
    Object stringLiteralTree(Object literal) {
        try {
            return stringLiteralTree.get(literal);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object construct(Constructor<?> constructor, Object... args) {
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw rethrow(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object call(Method method, Object target, Object... args) {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw rethrow(e);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Velocity's own exception, as Velocity threw it (unchecked ones as they are, checked ones wrapped). */
    private static RuntimeException rethrow(InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        throw new Velocity17Exception(cause);
    }

    /** A checked exception of Velocity 1.7 (its ParseException), carried unchecked with the original as cause. */
    static final class Velocity17Exception extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Velocity17Exception(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
