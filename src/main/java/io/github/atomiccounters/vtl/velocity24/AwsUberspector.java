package io.github.atomiccounters.vtl.velocity24;

import java.util.Map;

import org.apache.velocity.util.introspection.Info;
import org.apache.velocity.util.introspection.SecureUberspector;
import org.apache.velocity.util.introspection.VelMethod;
import org.apache.velocity.util.introspection.VelPropertyGet;

/**
 * Velocity's {@link SecureUberspector} (no reflection, class loaders, System, Runtime, threads...) that also refuses
 * {@code getClass()} / {@code .class} on every object, so a template can only call public methods on the values it is
 * given ({@code String.length()}, {@code Map.get()}, ...). On a map {@code $map.class} reads the key "class".
 * Internal: public only for Velocity's reflection.
 */
public class AwsUberspector extends SecureUberspector {

    @Override
    public VelMethod getMethod(Object obj, String methodName, Object[] args, Info i) {
        if ("getClass".equals(methodName)) {
            return null;
        }
        return super.getMethod(obj, methodName, args, i);
    }

    @Override
    public VelPropertyGet getPropertyGet(Object obj, String identifier, Info i) {
        VelPropertyGet getter = super.getPropertyGet(obj, identifier, i);
        if (getter != null && "getClass".equals(getter.getMethodName())) {
            return obj instanceof Map<?, ?> ? new MapKeyGet(identifier) : null;
        }
        return getter;
    }

    private record MapKeyGet(String key) implements VelPropertyGet {
        @Override
        public Object invoke(Object o) {
            return o instanceof Map<?, ?> m ? m.get(key) : null;
        }

        @Override
        public boolean isCacheable() {
            return true;
        }

        @Override
        public String getMethodName() {
            return "get";
        }
    }
}
