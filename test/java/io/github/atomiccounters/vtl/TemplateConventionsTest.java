package io.github.atomiccounters.vtl;

import io.github.atomiccounters.cdk.AtomicCounterApi;
import io.github.atomiccounters.cdk.TemplateFiles;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conventions that keep the deployed templates independent of what AWS leaves undocumented
 * (docs/aws-fidelity.md), checked on the files themselves; AlternativeSemanticsIT checks their effect.
 */
class TemplateConventionsTest {

    private static List<String> templates() {
        Set<String> files = new LinkedHashSet<>();
        for (AtomicCounterApi.Route route : AtomicCounterApi.ROUTES) {
            files.add(route.requestTemplate());
            files.add(route.responseTemplate());
        }
        files.add(AtomicCounterApi.ERROR_TEMPLATE);
        return new ArrayList<>(files);
    }

    private static String block(String file, String begin, String end) {
        String text = TemplateFiles.read(file);
        int from = text.indexOf(begin);
        int to = text.indexOf(end, from);
        assertThat(from).as(begin + " in " + file).isNotNegative();
        assertThat(to).as(end + " in " + file).isGreaterThan(from);
        return text.substring(from, to);
    }

    @Test
    void theExactLimitArithmeticIsTheSameInIncrementAndDecrement() {
        String begin = "## ---- exact limit: begin";
        String end = "## ---- exact limit: end ----";
        assertThat(block("request/decrement.vtl", begin, end)).isEqualTo(block("request/increment.vtl", begin, end));
    }

    @Test
    void theIdempotencyKeyIsReadTheSameWayEverywhere() {
        String reference = block("request/increment.vtl", "## the Idempotency-Key header", "#set($idem =");
        for (String file : templates()) {
            String text = TemplateFiles.read(file);
            if (text.contains("Idempotency-Key")) {
                assertThat(text).as(file).contains(reference)
                        .doesNotContain("$input.params('Idempotency-Key')");
            }
        }
    }

    @Test
    void noTemplateDependsOnAnUndocumentedReading() {
        for (String file : templates()) {
            // the code, without ## comment lines (which explain these rules and so name what they avoid)
            String text = TemplateFiles.read(file).replaceAll("(?m)^##.*$", "");
            assertThat(text).as(file)
                    // $input.json of no match is "" or nothing: presence is tested with $input.path
                    .doesNotContainPattern("\\$input\\.json\\([^)]*\\)\\s*[!=]=")
                    .doesNotContainPattern("\\$raw\\s*[!=]=\\s*\"\"")
                    // numbers from parseJson may be Integer, BigDecimal or Double: digits are read one by one
                    .doesNotContain("$util.parseJson")
                    // requestTimeEpoch may be a Long or a String: only its digits are read
                    .doesNotContainPattern("\\$context\\.requestTimeEpoch\\s*[-+*/%]")
                    // an absent stage variable may be null or "": compared as "$!..."
                    .doesNotContainPattern("[^!]\\$stageVariables\\.[A-Za-z]+\\s*[!=]=");
        }
    }
}
