package heaptriage.hprof;

/** The HPROF basic types of fields and array elements, with their codes and sizes. */
public enum BasicType {
    OBJECT(2, -1, "object"),
    BOOLEAN(4, 1, "boolean"),
    CHAR(5, 2, "char"),
    FLOAT(6, 4, "float"),
    DOUBLE(7, 8, "double"),
    BYTE(8, 1, "byte"),
    SHORT(9, 2, "short"),
    INT(10, 4, "int"),
    LONG(11, 8, "long");

    private static final BasicType[] BY_CODE = new BasicType[12];

    static {
        for (BasicType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    public final int code;
    private final int size;
    public final String javaName;

    BasicType(int code, int size, String javaName) {
        this.code = code;
        this.size = size;
        this.javaName = javaName;
    }

    /** The type for an HPROF type code, or null when the code is not a basic type. */
    public static BasicType ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** Bytes a value takes in the dump; references take the identifier size. */
    public int size(int idSize) {
        return this == OBJECT ? idSize : size;
    }
}
