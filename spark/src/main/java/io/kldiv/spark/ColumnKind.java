package io.kldiv.spark;

import io.kldiv.Dtype;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;

/** The Spark types a side may have: {@code array<float>}, {@code array<double>}, or {@code binary} rows (.npy layout). */
enum ColumnKind {
    FLOAT_ARRAY,
    DOUBLE_ARRAY,
    BINARY;

    /** @throws IllegalArgumentException for any other type, naming the column */
    static ColumnKind of(DataType type, String column) {
        if (type instanceof ArrayType a && a.elementType() instanceof FloatType) {
            return FLOAT_ARRAY;
        }
        if (type instanceof ArrayType a && a.elementType() instanceof DoubleType) {
            return DOUBLE_ARRAY;
        }
        if (type instanceof BinaryType) {
            return BINARY;
        }
        throw new IllegalArgumentException("kldiv: column " + column + " must be array<float>, array<double> or binary, got "
                + type.simpleString());
    }

    Dtype dtype(Dtype binaryDtype) {
        return switch (this) {
            case FLOAT_ARRAY -> Dtype.FLOAT32;
            case DOUBLE_ARRAY -> Dtype.FLOAT64;
            case BINARY -> binaryDtype;
        };
    }

    /**
     * The one element type both sides are scored in.
     *
     * @throws IllegalArgumentException when p and q differ: widening float32 would change the row-sum tolerance, so
     *                                  the user casts explicitly
     */
    static Dtype common(ColumnKind p, ColumnKind q, Dtype binaryDtype) {
        Dtype dp = p.dtype(binaryDtype);
        Dtype dq = q.dtype(binaryDtype);
        if (dp != dq) {
            throw new IllegalArgumentException("kldiv: p is " + dp + " and q is " + dq
                    + "; cast both to the same element type");
        }
        return dp;
    }
}
