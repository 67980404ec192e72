package io.kldiv.spark;

import io.kldiv.Dtype;
import java.io.Serializable;
import org.apache.spark.sql.types.StructType;

/**
 * Where p and q are in a row, their Spark types, the element type they are scored in, and the options: everything a
 * task needs, checked once on the driver.
 */
record ScoringPlan(int pOrdinal, int qOrdinal, ColumnKind pKind, ColumnKind qKind, Dtype dtype, KldivOptions options)
        implements Serializable {

    /** @throws IllegalArgumentException for a missing column or a type kldiv does not read */
    static ScoringPlan of(StructType schema, String p, String q, KldivOptions options) {
        int pOrdinal = schema.fieldIndex(p);
        int qOrdinal = schema.fieldIndex(q);
        ColumnKind pKind = ColumnKind.of(schema.fields()[pOrdinal].dataType(), p);
        ColumnKind qKind = ColumnKind.of(schema.fields()[qOrdinal].dataType(), q);
        return new ScoringPlan(pOrdinal, qOrdinal, pKind, qKind, ColumnKind.common(pKind, qKind, options.binaryDtype()),
                options);
    }
}
