package io.github.atomiccounters.vtl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How the renderer decides each point of API Gateway's mapping-template behaviour that AWS does not document. {@link
 * #DEFAULT} follows the strongest public evidence (each choice and its evidence is a row of {@code docs/aws-fidelity.md});
 * {@link #alternatives()} gives, per point, the other plausible readings. The deployed templates are written so that
 * every alternative renders the same DynamoDB request and the same client answer as the default, under either
 * {@link VtlEngineKind} ({@code AlternativeSemanticsIT} renders every recorded request under each), so a wrong guess
 * here cannot break the deployed API.
 *
 * <p>Two kinds of points. Those of API Gateway's objects ({@code noMatchJson}, {@code numbers}, {@code jsEscaping},
 * {@code headerNames}, {@code absentStageVariable}, {@code requestTimeEpoch}) are open under both engines. Those of
 * the Velocity language ({@code nullComparison}, {@code truthiness}, {@code setNull}, {@code gobbling},
 * {@code arithmetic}) exist because Velocity 2.4 had to be bent to look like 1.x: under Velocity 1.7 the engine
 * itself decides them, except {@code setNull}, a setting of 1.7 ({@link VtlEngineKind#unsupported} says which).
 *
 * @param noMatchJson        what {@code $input.json(path)} renders when the path matches nothing
 * @param nullComparison     whether null equals {@code ""} in {@code ==} / {@code !=}
 * @param numbers            the Java types of JSON numbers handed to VTL by {@code $input.path} and {@code $util.parseJson}
 * @param jsEscaping         whether {@code $util.escapeJavaScript} escapes {@code /} and non-ASCII characters
 * @param headerNames        whether {@code $input.params(name)} and {@code $input.params().header} match header names
 *                           ignoring case
 * @param absentStageVariable what {@code $stageVariables.x} is when the stage has no variable {@code x}
 * @param truthiness         which values {@code #if} treats as false
 * @param requestTimeEpoch   the Java type of {@code $context.requestTimeEpoch}
 * @param setNull            what {@code #set($x = <null>)} does
 * @param gobbling           how whitespace around directive lines is removed
 * @param arithmetic         whether {@code - * / %} convert numeric strings to numbers
 */
public record VtlSemantics(NoMatchJson noMatchJson, NullComparison nullComparison, NumberTypes numbers,
                           JsEscaping jsEscaping, HeaderNames headerNames, AbsentStageVariable absentStageVariable,
                           Truthiness truthiness, EpochType requestTimeEpoch, SetNull setNull, Gobbling gobbling,
                           Arithmetic arithmetic) {

    /** {@code $input.json} of a path that matches nothing. */
    public enum NoMatchJson {
        /** The two characters {@code ""} (a JSON empty string): LocalStack's renderer after checking AWS (PR #12774). */
        QUOTES,
        /** Nothing at all. */
        NOTHING
    }

    /** null in {@code ==} / {@code !=}. */
    public enum NullComparison {
        /** null equals null and {@code ""}: reported for API Gateway, not recorded; an engine patch (2.4 only). */
        NULL_EQUALS_EMPTY,
        /** Stock Velocity, 1.7 (tried) as 2.x: null equals only null. */
        STOCK_VELOCITY
    }

    /** JSON numbers as VTL sees them through {@code $input.path} and {@code $util.parseJson}. */
    public enum NumberTypes {
        /** json-smart's defaults (what API Gateway's JsonPath uses): Integer, Long or BigInteger; Double for decimals. */
        JSON_SMART,
        /** Every number a BigDecimal. */
        BIG_DECIMAL,
        /** Every number a Double (as Gson-style parsers do). */
        DOUBLE
    }

    /** {@code $util.escapeJavaScript}. */
    public enum JsEscaping {
        /** commons-lang's escapeJavaScript/escapeEcmaScript: {@code /} as {@code \/}, non-ASCII as {@code \}{@code uXXXX}. */
        COMMONS_LANG,
        /** Only quotes, backslash and control characters escaped. */
        MINIMAL
    }

    /** Header names in {@code $input.params}. */
    public enum HeaderNames {
        /** Exact name first, then ignoring case (HTTP header names are case-insensitive). */
        ANY_CASE,
        /** Exact, case-sensitive names only. */
        EXACT
    }

    /** A stage variable the stage does not define. */
    public enum AbsentStageVariable {
        /** null (renders as nothing). */
        NULL,
        /** The empty string. */
        EMPTY_STRING
    }

    /** What {@code #if} treats as false. */
    public enum Truthiness {
        /**
         * Velocity 1.x: only null and false (of a reference's value; 1.7 also takes a string or number literal, as in
         * {@code #if('x')}, as false, which the 2.4 engine does not mimic).
         */
        VELOCITY_1,
        /** Velocity 2.x defaults: also {@code ""}, 0 and empty collections. */
        VELOCITY_2
    }

    /** The type of {@code $context.requestTimeEpoch}. */
    public enum EpochType {
        /** A Long (milliseconds). */
        LONG,
        /** The same digits as a String. */
        STRING
    }

    /** {@code #set($x = <expression that is null>)}. */
    public enum SetNull {
        /** Velocity 2, or 1.7 with {@code directive.set.null.allowed=true}: $x becomes null. */
        ASSIGNS_NULL,
        /** Velocity 1.7's default ({@code directive.set.null.allowed=false}): $x keeps its previous value. */
        KEEPS_VALUE
    }

    /** Whitespace gobbling around directive lines. */
    public enum Gobbling {
        /** Velocity 1.x ("backward compatible"): a line holding only {@code #set(...)} leaves nothing. */
        BC,
        /** Velocity 2.x default ("lines"). */
        LINES
    }

    /** Operands of {@code - * / %}. */
    public enum Arithmetic {
        /** Velocity 1.7: only numbers; a string operand makes the result null. */
        NUMBERS_ONLY,
        /** Velocity 2: numeric strings are converted ({@code "12" / 4} is 3). */
        COERCES_STRINGS
    }

    /** The strongest evidence on each point (docs/aws-fidelity.md). */
    public static final VtlSemantics DEFAULT = new VtlSemantics(NoMatchJson.QUOTES, NullComparison.STOCK_VELOCITY,
            NumberTypes.JSON_SMART, JsEscaping.COMMONS_LANG, HeaderNames.ANY_CASE, AbsentStageVariable.NULL,
            Truthiness.VELOCITY_1, EpochType.LONG, SetNull.KEEPS_VALUE, Gobbling.BC, Arithmetic.NUMBERS_ONLY);

    public VtlSemantics {
        Objects.requireNonNull(noMatchJson, "noMatchJson");
        Objects.requireNonNull(nullComparison, "nullComparison");
        Objects.requireNonNull(numbers, "numbers");
        Objects.requireNonNull(jsEscaping, "jsEscaping");
        Objects.requireNonNull(headerNames, "headerNames");
        Objects.requireNonNull(absentStageVariable, "absentStageVariable");
        Objects.requireNonNull(truthiness, "truthiness");
        Objects.requireNonNull(requestTimeEpoch, "requestTimeEpoch");
        Objects.requireNonNull(setNull, "setNull");
        Objects.requireNonNull(gobbling, "gobbling");
        Objects.requireNonNull(arithmetic, "arithmetic");
    }

    /** One alternative reading: {@link #DEFAULT} with one point decided the other way. */
    public record Alternative(String name, VtlSemantics semantics) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Every single-point alternative to {@link #DEFAULT}: one per other value of each point. */
    public static List<Alternative> alternatives() {
        VtlSemantics d = DEFAULT;
        List<Alternative> all = new ArrayList<>();
        all.add(new Alternative("$input.json of no match renders nothing", new VtlSemantics(NoMatchJson.NOTHING,
                d.nullComparison, d.numbers, d.jsEscaping, d.headerNames, d.absentStageVariable, d.truthiness,
                d.requestTimeEpoch, d.setNull, d.gobbling, d.arithmetic)));
        all.add(new Alternative("null equals \"\" (reported, an engine patch)", new VtlSemantics(d.noMatchJson,
                NullComparison.NULL_EQUALS_EMPTY, d.numbers, d.jsEscaping, d.headerNames, d.absentStageVariable,
                d.truthiness, d.requestTimeEpoch, d.setNull, d.gobbling, d.arithmetic)));
        all.add(new Alternative("numbers are BigDecimal", new VtlSemantics(d.noMatchJson, d.nullComparison,
                NumberTypes.BIG_DECIMAL, d.jsEscaping, d.headerNames, d.absentStageVariable, d.truthiness,
                d.requestTimeEpoch, d.setNull, d.gobbling, d.arithmetic)));
        all.add(new Alternative("numbers are Double", new VtlSemantics(d.noMatchJson, d.nullComparison,
                NumberTypes.DOUBLE, d.jsEscaping, d.headerNames, d.absentStageVariable, d.truthiness,
                d.requestTimeEpoch, d.setNull, d.gobbling, d.arithmetic)));
        all.add(new Alternative("escapeJavaScript leaves / and non-ASCII", new VtlSemantics(d.noMatchJson,
                d.nullComparison, d.numbers, JsEscaping.MINIMAL, d.headerNames, d.absentStageVariable, d.truthiness,
                d.requestTimeEpoch, d.setNull, d.gobbling, d.arithmetic)));
        all.add(new Alternative("header names are case-sensitive", new VtlSemantics(d.noMatchJson, d.nullComparison,
                d.numbers, d.jsEscaping, HeaderNames.EXACT, d.absentStageVariable, d.truthiness, d.requestTimeEpoch,
                d.setNull, d.gobbling, d.arithmetic)));
        all.add(new Alternative("an absent stage variable is \"\"", new VtlSemantics(d.noMatchJson, d.nullComparison,
                d.numbers, d.jsEscaping, d.headerNames, AbsentStageVariable.EMPTY_STRING, d.truthiness,
                d.requestTimeEpoch, d.setNull, d.gobbling, d.arithmetic)));
        all.add(new Alternative("Velocity 2 truthiness (\"\", 0 and [] are false)", new VtlSemantics(d.noMatchJson,
                d.nullComparison, d.numbers, d.jsEscaping, d.headerNames, d.absentStageVariable, Truthiness.VELOCITY_2,
                d.requestTimeEpoch, d.setNull, d.gobbling, d.arithmetic)));
        all.add(new Alternative("requestTimeEpoch is a String", new VtlSemantics(d.noMatchJson, d.nullComparison,
                d.numbers, d.jsEscaping, d.headerNames, d.absentStageVariable, d.truthiness, EpochType.STRING,
                d.setNull, d.gobbling, d.arithmetic)));
        all.add(new Alternative("#set of null assigns null (Velocity 2)", new VtlSemantics(d.noMatchJson,
                d.nullComparison, d.numbers, d.jsEscaping, d.headerNames, d.absentStageVariable, d.truthiness,
                d.requestTimeEpoch, SetNull.ASSIGNS_NULL, d.gobbling, d.arithmetic)));
        all.add(new Alternative("Velocity 2 whitespace gobbling (lines)", new VtlSemantics(d.noMatchJson,
                d.nullComparison, d.numbers, d.jsEscaping, d.headerNames, d.absentStageVariable, d.truthiness,
                d.requestTimeEpoch, d.setNull, Gobbling.LINES, d.arithmetic)));
        all.add(new Alternative("arithmetic converts numeric strings (Velocity 2)", new VtlSemantics(d.noMatchJson,
                d.nullComparison, d.numbers, d.jsEscaping, d.headerNames, d.absentStageVariable, d.truthiness,
                d.requestTimeEpoch, d.setNull, d.gobbling, Arithmetic.COERCES_STRINGS)));
        return List.copyOf(all);
    }
}
