package io.pgcarry.catalog;

import java.util.List;

/** An enum type and its labels in sort order. */
public record EnumType(QualifiedName name, List<String> labels) {
    public EnumType {
        labels = List.copyOf(labels);
    }
}
