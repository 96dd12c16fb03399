package io.github.atomiccounters.vtl;

import io.github.atomiccounters.cdk.AtomicCounterApi;
import io.github.atomiccounters.cdk.Route;
import io.github.atomiccounters.cdk.TemplateFiles;
import io.github.atomiccounters.cdk.TemplateFragments;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conventions of the template files: each block of code is written once (a block several templates need is a
 * fragment, composed in at synthesis by {@link TemplateFragments}), and the deployed templates stay independent of
 * what AWS leaves undocumented (docs/aws-fidelity.md; AlternativeSemanticsIT checks the effect).
 */
class TemplateConventionsTest {
    private static final Path FRAGMENTS = Path.of("velocity-templates", "fragments");
    private static final int BLOCK = 3;

    private static List<String> templates() {
        Set<String> files = new LinkedHashSet<>();
        for (Route route : AtomicCounterApi.ROUTES) {
            files.add(route.requestTemplate());
            files.add(route.responseTemplate());
        }
        files.add(AtomicCounterApi.ERROR_TEMPLATE);
        return new ArrayList<>(files);
    }

    /** The template files as written: every deployed template and every fragment (velocity-templates/fragments/). */
    private static Map<String, String> sources() throws IOException {
        Map<String, String> sources = new TreeMap<>();
        for (String file : templates()) {
            sources.put(file, TemplateFiles.readSource(file));
        }
        try (Stream<Path> fragments = Files.list(FRAGMENTS)) {
            for (Path fragment : fragments.filter(p -> p.toString().endsWith(".vtl")).toList()) {
                sources.put("fragments/" + fragment.getFileName(), TemplateFiles.readSource("fragments/"
                        + fragment.getFileName()));
            }
        }
        return sources;
    }

    /**
     * Every run of {@value #BLOCK} code lines that occurs twice, in one file or in two: a line is compared trimmed, and
     * blank lines, {@code ##} lines (comments, fragment markers) and lines of punctuation, {@code #end} or
     * {@code #else} alone are left out. Each repeat is reported as {@code file:line = file:line: first line}.
     */
    static List<String> repeatedBlocks(Map<String, String> files) {
        Map<String, String> firstSeen = new LinkedHashMap<>();
        List<String> repeats = new ArrayList<>();
        new TreeMap<>(files).forEach((file, text) -> {
            List<String> code = new ArrayList<>();
            List<Integer> lineNumbers = new ArrayList<>();
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (!line.isEmpty() && !line.startsWith("##") && !line.matches("[{}\\[\\],]*|#end|#else")) {
                    code.add(line);
                    lineNumbers.add(i + 1);
                }
            }
            for (int i = 0; i + BLOCK <= code.size(); i++) {
                String block = String.join("\n", code.subList(i, i + BLOCK));
                String here = file + ":" + lineNumbers.get(i);
                String there = firstSeen.putIfAbsent(block, here);
                if (there != null) {
                    repeats.add(there + " = " + here + ": " + code.get(i));
                }
            }
        });
        return repeats;
    }

    @Test
    void noBlockOfTemplateCodeIsWrittenTwice() throws IOException {
        assertThat(repeatedBlocks(sources())).as("blocks written twice: move each into a fragment").isEmpty();
    }

    /** The check above can fail: a block copied into another file, and repeated within one, are both found. */
    @Test
    void aCopiedBlockIsFound() {
        String block = "#set($a = 1)\n## a comment in between\n\n#set($b = 2)\n  }\n#set($c = 3)\n";
        assertThat(repeatedBlocks(Map.of("a.vtl", "#if($x)\n" + block, "b.vtl", block + "#end\n")))
                .containsExactly("a.vtl:2 = b.vtl:1: #set($a = 1)");
        assertThat(repeatedBlocks(Map.of("c.vtl", block + "x\n" + block))).containsExactly("c.vtl:1 = c.vtl:8: #set($a = 1)");
        assertThat(repeatedBlocks(Map.of("d.vtl", block, "e.vtl", "#set($a = 1)\n#set($b = 2)\n#set($d = 4)\n")))
                .isEmpty();
    }

    @Test
    void everyFragmentIsUsedAndNoneIsDeployedOnItsOwn() throws IOException {
        Map<String, String> sources = sources();
        Set<String> used = new TreeSet<>();
        sources.values().forEach(text -> used.addAll(TemplateFragments.includedBy(text)));
        Set<String> fragments = new TreeSet<>(sources.keySet());
        fragments.removeIf(file -> !file.startsWith("fragments/"));
        assertThat(fragments).isNotEmpty();
        assertThat(used).containsAll(fragments);
        assertThat(templates()).noneMatch(file -> file.startsWith("fragments/"));
    }

    /**
     * Lines of a request template that read a body field without first asking whether there is a body: an empty body
     * may reach a template as {@code {}} or as nothing (docs/aws-fidelity.md A31), and no field of it is read.
     */
    static List<String> bodyReadsWithoutBody(String file, String text) {
        List<String> unguarded = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (!line.startsWith("##") && line.contains("input.path('$.") && !line.contains("$hasBody &&")) {
                unguarded.add(file + ":" + (i + 1));
            }
        }
        return unguarded;
    }

    @Test
    void noRequestTemplateReadsAFieldOfAnEmptyBody() {
        for (Route route : AtomicCounterApi.ROUTES) {
            assertThat(bodyReadsWithoutBody(route.requestTemplate(), TemplateFiles.read(route.requestTemplate())))
                    .as(route.requestTemplate()).isEmpty();
        }
        assertThat(bodyReadsWithoutBody("t.vtl", "#if($hasBody && \"$!input.path('$.a')\" != \"\")\n"
                + "#if(\"$!input.path('$.b')\" != \"\")\n")).containsExactly("t.vtl:2");
    }

    @Test
    void everyDeployedTemplateIsExpandedAndKeepsNoPlaceholder() {
        for (String file : templates()) {
            String deployed = TemplateFiles.read(file);
            assertThat(deployed).as(file).doesNotContain("@{").doesNotContainPattern("(?m)^\\s*##@");
        }
    }

    @Test
    void noTemplateDependsOnAnUndocumentedReading() {
        for (String file : templates()) {
            // the code as deployed, without ## comment lines (which explain these rules and so name what they avoid)
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
