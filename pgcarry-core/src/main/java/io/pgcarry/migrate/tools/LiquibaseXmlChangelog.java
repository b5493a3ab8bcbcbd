package io.pgcarry.migrate.tools;

import io.pgcarry.error.ConfigurationException;
import java.io.IOException;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * A Liquibase XML changelog's entries, in document order: {@code include}, {@code includeAll} and the identity of each
 * {@code changeSet} ({@code id}, {@code author}, {@code logicalFilePath}, else the changelog's). Read without fetching
 * anything: no DTD, no external entity, no schema.
 */
final class LiquibaseXmlChangelog {
    private LiquibaseXmlChangelog() {
    }

    static void read(Path file, String recordedPath, LiquibaseChangelogs into) {
        Element root = parse(file).getDocumentElement();
        String logical = root.getAttribute("logicalFilePath");
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element e)) {
                continue;
            }
            boolean relative = Boolean.parseBoolean(e.getAttribute("relativeToChangelogFile"));
            switch (e.getLocalName() == null ? e.getTagName() : e.getLocalName()) {
                case "include" -> into.include(file, recordedPath, e.getAttribute("file"), relative);
                case "includeAll" -> into.includeAll(file, recordedPath, e.getAttribute("path"), relative);
                case "changeSet" -> {
                    String own = e.getAttribute("logicalFilePath");
                    into.stub(file, e.getAttribute("id"), e.getAttribute("author"),
                            !own.isEmpty() ? own : !logical.isEmpty() ? logical : recordedPath, "XML");
                }
                default -> {
                    // property, preConditions, changeLogPropertyDefined...: nothing Liquibase records
                }
            }
        }
    }

    private static org.w3c.dom.Document parse(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(file.toFile());
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new ConfigurationException("cannot read the Liquibase changelog " + file + ": " + e.getMessage(), e);
        }
    }
}
