package io.github.atomiccounters.vtl.velocity24;

import java.io.Reader;

import org.apache.velocity.exception.ResourceNotFoundException;
import org.apache.velocity.runtime.resource.Resource;
import org.apache.velocity.runtime.resource.loader.ResourceLoader;
import org.apache.velocity.util.ExtProperties;

/** The only resource loader: it finds nothing, so no template can ever read a file (or anything else).
 * Internal: public only for Velocity's reflection. */
public final class NoResourceLoader extends ResourceLoader {
    @Override
    public void init(ExtProperties configuration) {
    }

    @Override
    public Reader getResourceReader(String source, String encoding) {
        throw new ResourceNotFoundException("no resources in API Gateway mapping templates: " + source);
    }

    @Override
    public boolean resourceExists(String resourceName) {
        return false;
    }

    @Override
    public boolean isSourceModified(Resource resource) {
        return false;
    }

    @Override
    public long getLastModified(Resource resource) {
        return 0;
    }
}
