package io.github.atomiccounters.vtl.velocity24;

import org.apache.velocity.app.event.ReferenceInsertionEventHandler;
import org.apache.velocity.context.Context;

/** API Gateway renders a null or undefined reference ({@code $missing}, {@code $missing.foo}, a method returning
 * null) as the empty string, not as its literal text. Internal: public only for Velocity's reflection. */
public final class NullAsEmptyInsertionHandler implements ReferenceInsertionEventHandler {
    @Override
    public Object referenceInsert(Context context, String reference, Object value) {
        return value == null ? "" : value;
    }
}
