package heaptriage.report;

import heaptriage.analysis.RetentionTree;
import heaptriage.analysis.RetentionTree.ContainerKind;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * How a container's elements are told: an array of maps of several classes (Eclipse MAT's CreateCollectionDump keeps
 * 33 maps in a Map[]) is "33 elements, most bytes in 1 javax.swing.UIDefaults", not "a Map[] of 1 UIDefaults"; a
 * map's keys are elements too, so a map keeps "N entries of" its values' class; a report written before the total
 * was counted (allElements 0) reads as before.
 */
class ContentsPhraseTest {
    @Test
    void anArrayOfSeveralClassesCountsAllItsElementsAndNamesTheClassWithMostBytes() {
        assertEquals(" of 33 elements, most bytes in 1 javax.swing.UIDefaults", RetentionTreeLines.contents(
                new RetentionTree.Contents(ContainerKind.ARRAY, 1, "javax.swing.UIDefaults", 5_000, 33)));
    }

    @Test
    void anArrayOfOneClassAMapAndAnOldReportReadAsBefore() {
        assertEquals(" of 12 byte[]", RetentionTreeLines.contents(
                new RetentionTree.Contents(ContainerKind.ARRAY, 12, "byte[]", 12_000_000)));
        assertEquals(" of 120 entries of java.util.ArrayDeque", RetentionTreeLines.contents(
                new RetentionTree.Contents(ContainerKind.COLLECTION, 120, "java.util.ArrayDeque", 70_000, 240)));
        assertEquals(" of 943 java.lang.String", RetentionTreeLines.contents(
                new RetentionTree.Contents(ContainerKind.ARRAY, 943, "java.lang.String", 144_000, 0)));
    }
}
