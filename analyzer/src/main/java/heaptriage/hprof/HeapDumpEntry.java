package heaptriage.hprof;

/**
 * One heap dump of a file. Most files hold one; the old hprof agent (JDK 5 to 8) and some tools wrote several
 * into one file, each a HEAP DUMP record or HEAP DUMP SEGMENT records closed by HEAP DUMP END.
 *
 * @param number     1 for the first heap dump of the file
 * @param offset     where its first record starts in the uncompressed stream
 * @param end        where its last record ends (the file's valid end when it is cut)
 * @param timeMillis when it was written (the file's time stamp plus the record's time offset), epoch milliseconds
 * @param complete   false when the file ends inside it
 */
public record HeapDumpEntry(int number, long offset, long end, long timeMillis, boolean complete) {
}
