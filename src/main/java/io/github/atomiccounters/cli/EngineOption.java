package io.github.atomiccounters.cli;

import io.github.atomiccounters.vtl.VtlEngineKind;
import picocli.CommandLine;

/** {@code --engine velocity-1.7|velocity-2.4} of {@code serve} and {@code render}: picocli's converter and help text. */
final class EngineOption implements CommandLine.ITypeConverter<VtlEngineKind> {

    static final String DESCRIPTION = "The Velocity that renders the mapping templates: velocity-1.7 (the engine API "
            + "Gateway runs) or velocity-2.4 (the alternative engine, configured to resemble 1.x). "
            + "Default: ${DEFAULT-VALUE}";

    @Override
    public VtlEngineKind convert(String value) {
        try {
            return VtlEngineKind.fromCliName(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
