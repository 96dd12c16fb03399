package io.github.atomiccounters.ci;

import io.github.atomiccounters.openapi.OpenApiGenerator;
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
 * What a published artifact carries: the pom's project metadata (Maven Central requires name, description, url,
 * licenses, developers and scm), one license named alike in the LICENSE file, the pom and the OpenAPI document, a
 * changelog, and a sources jar on every package.
 */
class PublishingMetadataTest {
    private static Element project;

    @BeforeAll
    static void read() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document pom = factory.newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        project = pom.getDocumentElement();
    }

    /** The text of the project's own child element (not of a dependency or plugin), or null. */
    private static String child(Element parent, String tag) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                return e.getTextContent().trim();
            }
        }
        return null;
    }

    private static List<Element> all(String tag) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = project.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    @Test
    void thePomHasTheMetadataMavenCentralRequires() {
        assertThat(child(project, "name")).isEqualTo("atomic-counters");
        assertThat(child(project, "description")).contains("CDK construct", "JUnit 5 extension");
        assertThat(child(project, "url")).startsWith("https://");
        assertThat(all("developer")).hasSize(1);
        assertThat(child(all("developer").get(0), "name")).isNotBlank();
        Element scm = all("scm").get(0);
        assertThat(child(scm, "url")).isEqualTo(child(project, "url"));
        assertThat(child(scm, "connection")).startsWith("scm:git:");
    }

    @Test
    void oneLicenseNamedAlikeInTheLicenseFileThePomAndTheOpenApiDocument() throws Exception {
        assertThat(all("license")).hasSize(1);
        Element license = all("license").get(0);
        assertThat(child(license, "name")).isEqualTo(OpenApiGenerator.LICENSE_NAME).isEqualTo("Apache-2.0");
        assertThat(child(license, "url")).isEqualTo(OpenApiGenerator.LICENSE_URL);
        String text = Files.readString(Path.of("LICENSE"));
        assertThat(text.strip()).startsWith("Apache License\n                           Version 2.0, January 2004");
        assertThat(text).contains("END OF TERMS AND CONDITIONS");
        // the jar carries it: a resource of the build, under META-INF
        assertThat(all("resource")).anySatisfy(r -> {
            assertThat(r.getTextContent()).contains("LICENSE");
            assertThat(child(r, "targetPath")).isEqualTo("META-INF");
        });
    }

    @Test
    void theChangelogKeepsAnUnreleasedSection() throws Exception {
        String changelog = Files.readString(Path.of("CHANGELOG.md"));
        assertThat(changelog).startsWith("# Changelog").contains("keepachangelog.com", "semver.org",
                "## [Unreleased]", "### Added");
    }

    @Test
    void everyPackageAttachesASourcesJar() {
        Element plugin = all("plugin").stream()
                .filter(p -> "maven-source-plugin".equals(child(p, "artifactId"))).findFirst().orElseThrow();
        assertThat(plugin.getElementsByTagName("goal").item(0).getTextContent().trim()).isEqualTo("jar-no-fork");
        Node parent = plugin.getParentNode().getParentNode();
        assertThat(((Element) parent).getTagName()).as("declared in the main build, not in a profile")
                .isEqualTo("build");
        assertThat(parent.getParentNode()).isSameAs(project);
    }
}
