package io.github.atomiccounters.apimodel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Order-preserving, null-tolerant immutable copies. */
final class Immutables {
    private Immutables() {
    }

    static <K, V> Map<K, V> map(Map<K, V> m) {
        if (m == null || m.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    static <T> List<T> list(List<T> l) {
        if (l == null || l.isEmpty()) {
            return List.of();
        }
        return Collections.unmodifiableList(new ArrayList<>(l));
    }

    /** Deep immutable copy of a JSON-like value (Map / List / scalars). */
    @SuppressWarnings("unchecked")
    static Object deep(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, val) -> out.put(String.valueOf(k), deep(val)));
            return Collections.unmodifiableMap(out);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(deep(x)));
            return Collections.unmodifiableList(out);
        }
        return v;
    }

    static Map<String, Object> deepMap(Map<String, Object> m) {
        if (m == null || m.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, deep(v)));
        return Collections.unmodifiableMap(out);
    }
}
