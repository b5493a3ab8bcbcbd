package io.pgcarry.migrate.checksum;

import io.pgcarry.error.ConfigurationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects a plan's changes and tags in order for {@link SqitchPlanParser}, then computes the ids: each change's
 * parent is the change declared before it, and a tag's change is the change it follows.
 */
final class SqitchPlanBuilder {
    private final String project;
    private final String uri;
    private final List<ChangeDraft> changes = new ArrayList<>();
    private final Map<String, Integer> latestByName = new HashMap<>();

    SqitchPlanBuilder(String project, String uri) {
        this.project = project;
        this.uri = uri;
    }

    String project() {
        return project;
    }

    void addChange(String name, String operator, List<String> requires, List<String> conflicts, String plannedAt,
            String plannerName, String plannerEmail, String note) {
        Integer earlier = latestByName.get(name);
        if (earlier != null) {
            collectReworkTags(changes.get(earlier), earlier);
        }
        latestByName.put(name, changes.size());
        changes.add(new ChangeDraft(new SqitchPlan.Change(name, operator, requires, conflicts, plannedAt, plannerName,
                plannerEmail, note, List.of(), List.of(), null, null)));
    }

    void addTag(String name, String plannedAt, String plannerName, String plannerEmail, String note, int line) {
        if (changes.isEmpty()) {
            throw new ConfigurationException("sqitch.plan line " + line + ": tag " + name
                    + " declared without a preceding change");
        }
        changes.get(changes.size() - 1).tags.add(new SqitchPlan.Tag(name, null, plannedAt, plannerName,
                plannerEmail, note, null));
    }

    SqitchPlan build(Map<String, String> pragmas) {
        List<SqitchPlan.Change> built = new ArrayList<>();
        List<SqitchPlan.Tag> tags = new ArrayList<>();
        String parentId = null;
        for (ChangeDraft draft : changes) {
            SqitchPlan.Change c = draft.change;
            SqitchPlan.Change withParent = new SqitchPlan.Change(c.name(), c.operator(), c.requires(), c.conflicts(),
                    c.plannedAt(), c.plannerName(), c.plannerEmail(), c.note(), draft.tagNames(), draft.reworkTags,
                    parentId, null);
            String id = SqitchChecksum.changeId(project, uri, withParent);
            built.add(new SqitchPlan.Change(c.name(), c.operator(), c.requires(), c.conflicts(), c.plannedAt(),
                    c.plannerName(), c.plannerEmail(), c.note(), draft.tagNames(), draft.reworkTags, parentId, id));
            for (SqitchPlan.Tag t : draft.tags) {
                SqitchPlan.Tag onChange = new SqitchPlan.Tag(t.name(), id, t.plannedAt(), t.plannerName(),
                        t.plannerEmail(), t.note(), null);
                tags.add(new SqitchPlan.Tag(t.name(), id, t.plannedAt(), t.plannerName(), t.plannerEmail(), t.note(),
                        SqitchChecksum.tagId(project, uri, onChange)));
            }
            parentId = id;
        }
        return new SqitchPlan(project, uri, pragmas, built, tags);
    }

    /** Plan.pm: the tags of every change after the reworked one, latest change first, then its own tags. */
    private void collectReworkTags(ChangeDraft reworked, int index) {
        for (int i = changes.size() - 1; i > index; i--) {
            reworked.reworkTags.addAll(changes.get(i).tagNames());
        }
        reworked.reworkTags.addAll(reworked.tagNames());
    }

    private static final class ChangeDraft {
        final SqitchPlan.Change change;
        final List<SqitchPlan.Tag> tags = new ArrayList<>();
        final List<String> reworkTags = new ArrayList<>();

        ChangeDraft(SqitchPlan.Change change) {
            this.change = change;
        }

        List<String> tagNames() {
            return tags.stream().map(SqitchPlan.Tag::name).toList();
        }
    }
}
