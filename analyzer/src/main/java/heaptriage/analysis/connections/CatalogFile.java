package heaptriage.analysis.connections;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.util.List;
import java.util.Map;

/**
 * The catalogue file as Jackson binds it (format: {@code heaptriage/connections/README.md}). Jackson checks the JSON
 * types, unknown and duplicate keys; {@link CatalogValues} reads the values of several shapes; {@link CatalogReader}
 * checks what spans several fields and builds the {@link ConnectionKind} and {@link PoolKind} records. A key left
 * out, or given as {@code null}, is null here (an empty list for lists); a {@code null} inside a list is refused.
 */
final class CatalogFile {
    private CatalogFile() {
    }

    /** The whole file. */
    @JsonIgnoreProperties("comment")
    record Top(Located<Integer> version, List<Located<Kind>> kinds, List<Located<Pool>> pools) {
        Top {
            kinds = orEmpty(kinds);
            pools = orEmpty(pools);
        }
    }

    /** One entry of {@code kinds}. */
    @JsonIgnoreProperties("comment")
    record Kind(@JsonDeserialize(using = CatalogValues.Id.class) String kind,
                @JsonDeserialize(using = CatalogValues.Id.class) String category,
                @JsonDeserialize(using = CatalogValues.Text.class) String displayName,
                @JsonDeserialize(contentUsing = CatalogValues.ClassName.class) List<String> classNames,
                @JsonDeserialize(contentUsing = CatalogValues.ClassName.class) List<String> superclasses,
                @JsonDeserialize(contentUsing = CatalogValues.Text.class) List<String> nameSuffixes,
                @JsonDeserialize(contentUsing = CatalogValues.ClassName.class) List<String> excludeSuperclasses,
                @JsonDeserialize(contentUsing = CatalogValues.Text.class) List<String> excludeNames,
                List<Located<StateEntry>> state, Map<String, FactSpec> facts, List<FieldPath> wraps,
                Boolean lowConfidence, String source) {
        Kind {
            lowConfidence = lowConfidence != null && lowConfidence;
            classNames = orEmpty(classNames);
            superclasses = orEmpty(superclasses);
            nameSuffixes = orEmpty(nameSuffixes);
            excludeSuperclasses = orEmpty(excludeSuperclasses);
            excludeNames = orEmpty(excludeNames);
            state = orEmpty(state);
            facts = facts == null ? Map.of() : facts;
            wraps = orEmpty(wraps);
            source = source == null ? "" : source;
        }
    }

    /** One entry of {@code pools}. */
    @JsonIgnoreProperties("comment")
    record Pool(@JsonDeserialize(using = CatalogValues.Id.class) String kind,
                @JsonDeserialize(using = CatalogValues.Text.class) String displayName,
                @JsonDeserialize(contentUsing = CatalogValues.ClassName.class) List<String> classNames,
                @JsonDeserialize(contentUsing = CatalogValues.ClassName.class) List<String> superclasses,
                FactSpec name, CountSpec maxSize, CountSpec active, CountSpec idle, CountSpec total,
                Map<String, FactSpec> facts, String source) {
        Pool {
            classNames = orEmpty(classNames);
            superclasses = orEmpty(superclasses);
            facts = facts == null ? Map.of() : facts;
            source = source == null ? "" : source;
        }
    }

    /** One rule of a kind's {@code state}: a field and exactly one of the four decisions. */
    @JsonIgnoreProperties("comment")
    record StateEntry(@JsonDeserialize(using = CatalogValues.OneValuePath.class) FieldPath field,
                      Condition closedWhen, Condition openWhen, Condition notConnectedWhen, Boolean inherit) {
    }

    /** A fact written as an object: {@code {"paths": ..., "labels": {"1": "in use"}}}. */
    record Fact(@JsonDeserialize(using = CatalogValues.Paths.class) List<FieldPath> paths, Map<String, String> labels) {
        Fact {
            labels = labels == null ? Map.of() : labels;
        }
    }

    /** A pool count written as an object: {@code {"count": paths, "where": {...}}} or {@code {"subtract": [a, b]}}. */
    record Count(@JsonDeserialize(using = CatalogValues.Paths.class) List<FieldPath> count, Located<Where> where,
                 List<CountSpec> subtract) {
    }

    /** The filter of a count: elements whose {@code field} meets {@code is}. */
    record Where(@JsonDeserialize(using = CatalogValues.OneValuePath.class) FieldPath field, Condition is) {
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
