package io.kldiv.spark;

import io.kldiv.Dtype;
import io.kldiv.InvalidPolicy;
import io.kldiv.InvalidRowException;
import io.kldiv.ScoreOptions;
import io.kldiv.kernel.Kernel;
import io.kldiv.kernel.Kernels;
import io.kldiv.kernel.PairRows;
import io.kldiv.kernel.ResultColumns;
import io.kldiv.kernel.RowStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.analysis.TypeCheckResult;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.codegen.CodegenContext;
import org.apache.spark.sql.catalyst.expressions.codegen.CodegenFallback;
import org.apache.spark.sql.catalyst.expressions.codegen.ExprCode;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.unsafe.types.UTF8String;
import scala.collection.immutable.IndexedSeq;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The Catalyst expression behind kldiv's SQL functions: one row's p and q, read from Spark's memory without boxing
 * ({@link SideView}), scored by the same kernel as the CLI. {@code kl(p, q)} and its siblings return one double;
 * {@code kldiv_score} returns a struct of the requested measures and a {@code status}. Invalid rows under
 * {@code nan}/{@code skip}, and null inputs, give null results.
 */
public final class KldivExpression extends Expression implements CodegenFallback, java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    @SuppressWarnings("serial") // Catalyst's expressions are case classes: serializable at run time
    private final Expression p;
    @SuppressWarnings("serial")
    private final Expression q;
    private final KldivOptions options;
    private final boolean struct;

    private transient SideView pView;
    private transient SideView qView;
    private transient ResultColumns out;
    private transient Kernel kernel;
    private transient ColumnKind pKind;
    private transient ColumnKind qKind;
    private transient Dtype dtype;
    private transient long rowsSeen;

    /**
     * @param name    the SQL function's name (how the column is labelled)
     * @param struct  true for a struct of every measure and the status; false for the one measure's double
     */
    public KldivExpression(String name, Expression p, Expression q, KldivOptions options, boolean struct) {
        this.name = name;
        this.p = p;
        this.q = q;
        this.options = options;
        this.struct = struct;
        if (!struct && options.scoreOptions().measures().size() != 1) {
            throw new IllegalArgumentException("a single-measure function needs exactly one measure");
        }
    }

    @Override
    public Object eval(InternalRow input) {
        if (pView == null) {
            pView = new SideView();
            qView = new SideView();
            out = ResultColumns.onHeap(options.scoreOptions().measures().size(), 1);
            kernel = Kernels.best().kernel();
            pKind = ColumnKind.of(p.dataType(), "p");
            qKind = ColumnKind.of(q.dataType(), "q");
            dtype = dtype();
        }
        long row = rowsSeen++;
        pView.read(p.eval(input), pKind, dtype);
        qView.read(q.eval(input), qKind, dtype);
        ScoreOptions scoreOptions = options.scoreOptions();
        byte outcome = RowCheck.check(pView, qView);
        if (outcome == RowStatus.VALID) {
            PairRows pair = PairRows.contiguous(pView.values, qView.values, dtype, pView.length, 1);
            try {
                kernel.score(pair, scoreOptions, 0, 1, out);
            } catch (InvalidRowException e) {
                throw e.at(RowCheck.where(), row);
            }
            outcome = out.status(0);
        } else if (scoreOptions.onInvalid() == InvalidPolicy.ERROR) {
            RuntimeException error = RowCheck.error(outcome, pView, qView, RowCheck.where(), row);
            if (error != null) {
                throw error;
            }
        }
        boolean valid = outcome == RowStatus.VALID;
        if (!struct) {
            return valid ? (Object) out.get(0, 0) : null;
        }
        int measures = scoreOptions.measures().size();
        Object[] fields = new Object[measures + 1];
        for (int m = 0; m < measures; m++) {
            fields[m] = valid ? (Object) out.get(m, 0) : null;
        }
        fields[measures] = UTF8String.fromString(RowOutcome.name(outcome));
        return new GenericInternalRow(fields);
    }

    private Dtype dtype() {
        return ColumnKind.common(ColumnKind.of(p.dataType(), "p"), ColumnKind.of(q.dataType(), "q"),
                options.binaryDtype());
    }

    @Override
    public TypeCheckResult checkInputDataTypes() {
        try {
            dtype();
            return TypeCheckResult.TypeCheckSuccess$.MODULE$;
        } catch (IllegalArgumentException e) {
            return new TypeCheckResult.TypeCheckFailure(name + ": " + e.getMessage());
        }
    }

    @Override
    public DataType dataType() {
        if (!struct) {
            return DataTypes.DoubleType;
        }
        List<StructField> fields = new ArrayList<>();
        for (String column : options.columnNames()) {
            fields.add(DataTypes.createStructField(column, DataTypes.DoubleType, true));
        }
        fields.add(DataTypes.createStructField("status", DataTypes.StringType, false));
        return DataTypes.createStructType(fields);
    }

    @Override
    public boolean nullable() {
        return true;
    }

    @Override
    public String prettyName() {
        return name;
    }

    @Override
    public Seq<Expression> children() {
        return CollectionConverters.asScala(List.of(p, q)).toList();
    }

    @Override
    public Expression withNewChildrenInternal(IndexedSeq<Expression> children) {
        return new KldivExpression(name, children.apply(0), children.apply(1), options, struct);
    }

    @Override
    public ExprCode doGenCode(CodegenContext ctx, ExprCode ev) {
        return CodegenFallback.super.doGenCode(ctx, ev);
    }

    @Override
    public int productArity() {
        return 5;
    }

    @Override
    public Object productElement(int n) {
        return switch (n) {
            case 0 -> name;
            case 1 -> p;
            case 2 -> q;
            case 3 -> options;
            case 4 -> struct;
            default -> throw new IndexOutOfBoundsException(n);
        };
    }

    @Override
    public boolean canEqual(Object that) {
        return that instanceof KldivExpression;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KldivExpression e && name.equals(e.name) && p.equals(e.p) && q.equals(e.q)
                && options.equals(e.options) && struct == e.struct;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, p, q, options, struct);
    }
}
