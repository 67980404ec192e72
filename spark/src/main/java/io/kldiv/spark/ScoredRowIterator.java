package io.kldiv.spark;

import io.kldiv.kernel.RowStatus;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.JoinedRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.util.TaskCompletionListener;

/**
 * A partition's rows with their results appended (one double per measure, null for a row that was not scored, and
 * the status string), scored a block at a time by {@link PartitionScorer}; emitted as Spark's unsafe rows.
 */
final class ScoredRowIterator implements Iterator<InternalRow> {
    private final PartitionScorer scorer;
    private final int measures;
    private final UnsafeProjection toUnsafe;
    private final Object[] results;
    private final GenericInternalRow resultRow;
    private final JoinedRow joined = new JoinedRow();
    private int next;
    private boolean done;

    ScoredRowIterator(Iterator<InternalRow> input, ScoringPlan plan, StructType outputSchema) {
        scorer = new PartitionScorer(input, plan, true);
        measures = plan.options().scoreOptions().measures().size();
        toUnsafe = UnsafeProjection.create(outputSchema);
        results = new Object[measures + 1];
        resultRow = new GenericInternalRow(results);
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((TaskCompletionListener) context -> scorer.close()); // also when a consumer stops early
        }
    }

    @Override
    public boolean hasNext() {
        if (done) {
            return false;
        }
        if (next < scorer.size()) {
            return true;
        }
        next = 0;
        if (!scorer.nextBlock()) {
            done = true;
            scorer.close();
            return false;
        }
        return true;
    }

    @Override
    public InternalRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int i = next++;
        byte status = scorer.status(i);
        boolean valid = status == RowStatus.VALID;
        for (int m = 0; m < measures; m++) {
            results[m] = valid ? (Object) scorer.value(m, i) : null;
        }
        results[measures] = UTF8String.fromString(RowOutcome.name(status));
        return toUnsafe.apply(joined.apply(scorer.row(i), resultRow));
    }
}
