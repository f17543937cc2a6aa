package heaptriage.hprof;

/**
 * One CLASS DUMP sub-record: the class object's id, its super class, loader, declared instance size, static
 * fields with their values (references as ids, primitives as raw bits) and its own instance field layout.
 */
public record ClassDump(
        long classId,
        long superClassId,
        long classLoaderId,
        long signersId,
        long protectionDomainId,
        int instanceSize,
        long[] staticNameIds,
        BasicType[] staticTypes,
        long[] staticValues,
        long[] fieldNameIds,
        BasicType[] fieldTypes,
        long recordOffset) {
}
