package io.pgcarry.migrate.checksum;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Sqitch plan ({@code sqitch.plan}) as read by {@link SqitchPlanParser}, with every change's and tag's id computed.
 *
 * @param project the {@code %project} pragma
 * @param uri     the {@code %uri} pragma, or {@code null}
 * @param pragmas every pragma by name ({@code syntax-version}, {@code project}, {@code uri}, ...)
 * @param changes the changes in plan order (a reworked change appears once per declaration)
 * @param tags    the tags in plan order
 */
public record SqitchPlan(String project, String uri, Map<String, String> pragmas, List<Change> changes,
        List<Tag> tags) {

    public SqitchPlan {
        Objects.requireNonNull(project, "project");
        pragmas = Map.copyOf(pragmas);
        changes = List.copyOf(changes);
        tags = List.copyOf(tags);
    }

    /**
     * One change line: {@code name [deps] planned_at planner <email> # note}.
     *
     * @param name        the change name ({@code sqitch.changes.change})
     * @param operator    {@code +}, {@code -} or empty
     * @param requires    required dependencies as Sqitch prints them ({@code name}, {@code name@tag},
     *                    {@code project:name} for another project, or an id)
     * @param conflicts   conflicting dependencies, without their {@code !}
     * @param plannedAt   the timestamp as written, {@code YYYY-MM-DDTHH:MM:SSZ}
     * @param note        the note, trimmed, with {@code \n}, {@code \r} and {@code \\} unescaped; empty when absent
     * @param tags        the names of tags placed on this change, with their {@code @}
     * @param reworkTags  for a change declared again later, the tags whose names may suffix its scripts, in the order
     *                    Sqitch tries them ({@code deploy/name@tag.sql}); empty for a change's latest declaration
     * @param parentId    the id of the change before it in the plan, or {@code null} for the first
     * @param id          the change id ({@code sqitch.changes.change_id})
     */
    public record Change(String name, String operator, List<String> requires, List<String> conflicts,
            String plannedAt, String plannerName, String plannerEmail, String note, List<String> tags,
            List<String> reworkTags, String parentId, String id) {

        public Change {
            requires = List.copyOf(requires);
            conflicts = List.copyOf(conflicts);
            tags = List.copyOf(tags);
            reworkTags = List.copyOf(reworkTags);
        }

        /** Whether the same change name is declared again later in the plan. */
        public boolean isReworked() {
            return !reworkTags.isEmpty();
        }
    }

    /** One tag line {@code @name planned_at planner <email> # note}, placed on the change before it. */
    public record Tag(String name, String changeId, String plannedAt, String plannerName, String plannerEmail,
            String note, String id) {
    }

    /** The latest declaration of a change name. */
    public Optional<Change> latest(String name) {
        for (int i = changes.size() - 1; i >= 0; i--) {
            if (changes.get(i).name().equals(name)) {
                return Optional.of(changes.get(i));
            }
        }
        return Optional.empty();
    }
}
