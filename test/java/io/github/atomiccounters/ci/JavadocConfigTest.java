package io.github.atomiccounters.ci;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Javadoc of the public API (issue 12): pom.xml documents exactly the packages {@code cdk}, {@code client} and
 * {@code junit}, fails on any doclint warning, is not bound to the lifecycle (so {@code mvn verify} stays as fast as
 * it was), and {@code .ci/run} runs it right after the in-process synthesis; the release profile attaches the
 * Javadoc jar, and {@code .ci/run} installs the library with it.
 */
class JavadocConfigTest {
    /** The plugin's declaration in the build (its configuration), and in the release profile (the jar). */
    private static Element plugin;
    private static Element releasePlugin;

    @BeforeAll
    static void read() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document pom = factory.newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        NodeList artifacts = pom.getElementsByTagName("artifactId");
        for (int i = 0; i < artifacts.getLength(); i++) {
            Node artifact = artifacts.item(i);
            if (artifact.getTextContent().trim().equals("maven-javadoc-plugin")) {
                Element declaration = (Element) artifact.getParentNode();
                String profile = profileOf(declaration);
                if (profile == null) {
                    assertThat(plugin).as("one maven-javadoc-plugin in pom.xml's build").isNull();
                    plugin = declaration;
                } else {
                    assertThat(profile).as("the only profile that declares maven-javadoc-plugin").isEqualTo("release");
                    releasePlugin = declaration;
                }
            }
        }
        assertThat(plugin).as("maven-javadoc-plugin in pom.xml").isNotNull();
    }

    /** The id of the profile an element is declared in, or null for the main build. */
    private static String profileOf(Element element) {
        for (Node n = element.getParentNode(); n != null; n = n.getParentNode()) {
            if (n instanceof Element e && e.getTagName().equals("profile")) {
                return e.getElementsByTagName("id").item(0).getTextContent().trim();
            }
        }
        return null;
    }

    private static List<String> texts(String tag) {
        List<String> out = new ArrayList<>();
        NodeList nodes = plugin.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent().trim());
        }
        return out;
    }

    @Test
    void documentsExactlyThePublicPackages() {
        assertThat(texts("sourceFileInclude")).containsExactlyInAnyOrder(
                "io/github/atomiccounters/cdk/*.java", "io/github/atomiccounters/client/*.java",
                "io/github/atomiccounters/junit/*.java");
        assertThat(texts("subpackages")).isEmpty();
        assertThat(Path.of("src/main/java/io/github/atomiccounters/cdk/package-info.java")).isRegularFile();
        assertThat(Path.of("src/main/java/io/github/atomiccounters/client/package-info.java")).isRegularFile();
        assertThat(Path.of("src/main/java/io/github/atomiccounters/junit/package-info.java")).isRegularFile();
    }

    @Test
    void failsOnAnyWarningWithEveryDoclintCheck() {
        assertThat(texts("version")).singleElement().asString().matches("\\d+\\.\\d+\\.\\d+");
        assertThat(texts("failOnWarnings")).containsExactly("true");
        assertThat(texts("failOnError")).containsExactly("true");
        assertThat(texts("doclint")).containsExactly("all");
        // offline: nothing fetched, nothing linked outside the generated pages
        assertThat(texts("detectOfflineLinks")).containsExactly("false");
        assertThat(texts("detectJavaApiLink")).containsExactly("false");
        assertThat(texts("links")).isEmpty();
        assertThat(texts("additionalOption")).contains("--no-platform-links");
    }

    @Test
    void isNotPartOfTheBuildLifecycle() {
        assertThat(plugin.getElementsByTagName("executions").getLength())
                .as("mvn verify must not run javadoc: no executions").isZero();
    }

    @Test
    void theReleaseProfileAttachesTheJavadocJarAndCiInstallsWithIt() throws Exception {
        assertThat(releasePlugin).as("maven-javadoc-plugin in the release profile").isNotNull();
        NodeList goals = releasePlugin.getElementsByTagName("goal");
        assertThat(goals.getLength()).isEqualTo(1);
        assertThat(goals.item(0).getTextContent().trim()).isEqualTo("jar");
        // the configuration (packages, doclint, failOnWarnings) stays in one place: the build's declaration
        assertThat(releasePlugin.getElementsByTagName("configuration").getLength()).isZero();
        assertThat(Files.readString(Path.of(".ci/run"))).contains("mvn -B -q install -DskipTests -Prelease");
    }

    @Test
    void ciRunsItAfterTheInProcessSynthesis() throws Exception {
        String ci = Files.readString(Path.of(".ci/run"));
        int synth = ci.indexOf("== synth in-process");
        int javadoc = ci.indexOf("mvn -B -q javadoc:javadoc");
        int cliSynth = ci.indexOf("== cdk synth with the pinned CLI");
        assertThat(synth).isNotNegative();
        assertThat(javadoc).isGreaterThan(synth).isLessThan(cliSynth);
    }
}
