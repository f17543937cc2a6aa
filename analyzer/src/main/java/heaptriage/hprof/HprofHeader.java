package heaptriage.hprof;

/** The HPROF file header: format version, identifier size, dump time, and where the records start. */
public record HprofHeader(String version, int idSize, long timestampMillis, int length) {
}
