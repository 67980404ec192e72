package io.kldiv.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.kldiv.Dtype;
import io.kldiv.HalfFloats;
import io.kldiv.InputForm;
import io.kldiv.InvalidPolicy;
import io.kldiv.InvalidReason;
import io.kldiv.InvalidRowException;
import io.kldiv.LogBase;
import io.kldiv.Measure;
import io.kldiv.ScoreOptions;
import io.kldiv.reference.AccuracyBound;
import io.kldiv.reference.Distribution;
import io.kldiv.reference.Reference;
import io.kldiv.testing.FormRows;
import io.kldiv.testing.TinyGoldenCases;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every kernel must do (SEMANTICS.md), checked against the reference on the same inputs: every measure,
 * both dtypes, every input form on each side, K across every vector-width boundary and up to 2^20, awkward
 * values, invalid rows under each policy. A kernel's test extends this and names the kernel.
 */
public abstract class KernelContract {
    private static final List<InputForm> FORMS =
            List.of(InputForm.PROB, InputForm.NORMALIZE, InputForm.LOGPROB, InputForm.logits(0.7));
    private static final ScoreOptions ALL = ScoreOptions.of(Measure.values());

    private Arena arena;

    /** The kernel under test. */
    protected abstract Kernel kernel();

    @BeforeEach
    void openArena() {
        arena = Arena.ofConfined();
    }

    @AfterEach
    void closeArena() {
        arena.close();
    }

    /** K = 1 … 70 one by one crosses 1..3×lanes+1 for every width up to 512 bits, then the larger sizes. */
    static IntStream smallAndMediumK() {
        return IntStream.concat(IntStream.rangeClosed(1, 70), IntStream.of(95, 96, 97, 127, 128, 129, 255, 257, 1000, 4097));
    }

    static Stream<Arguments> largeK() {
        List<Arguments> args = new ArrayList<>();
        for (int k : new int[] {65536, 1 << 20}) {
            for (Dtype d : Dtype.values()) {
                args.add(Arguments.of(k, d, InputForm.PROB, InputForm.PROB));
                args.add(Arguments.of(k, d, InputForm.LOGITS, InputForm.LOGITS));
                args.add(Arguments.of(k, d, InputForm.LOGPROB, InputForm.NORMALIZE));
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "k={0}")
    @MethodSource("smallAndMediumK")
    void everyFormPairAndDtypeMatchesTheReference(int k) {
        for (Dtype dtype : Dtype.values()) {
            for (InputForm pForm : FORMS) {
                for (InputForm qForm : FORMS) {
                    FormRows gen = new FormRows(31L * k + 7L * pForm.kind().ordinal() + qForm.kind().ordinal());
                    List<double[][]> rows = new ArrayList<>();
                    for (int r = 0; r < 5; r++) {
                        double[] p = gen.row(pForm, dtype, k, r == 0 ? 0.0 : 0.1);
                        double[] q = r == 1 && pForm.equals(qForm) ? p.clone()               // identical rows
                                : r == 2 && pForm.equals(qForm) ? gen.nearby(qForm, dtype, p) // close rows
                                : gen.row(qForm, dtype, k, r == 3 ? 0.3 : 0.1);               // q zero where p > 0
                        rows.add(new double[][] {p, q});
                    }
                    checkAgainstReference(ALL.withForms(pForm, qForm), dtype, k, rows, k % 3);
                }
            }
        }
    }

    @ParameterizedTest(name = "k={0} {1} {2}/{3}")
    @MethodSource("largeK")
    void largeRowsStayWithinTheBound(int k, Dtype dtype, InputForm pForm, InputForm qForm) {
        FormRows gen = new FormRows(k + dtype.ordinal());
        double[] p = gen.row(pForm, dtype, k, 0.1);
        double[] q = pForm.equals(qForm) ? gen.nearby(qForm, dtype, p) : gen.row(qForm, dtype, k, 0.1);
        checkAgainstReference(ALL.withForms(pForm, qForm).withBase(LogBase.BITS), dtype, k, List.<double[][]>of(new double[][] {p, q}), 1);
    }

    @ParameterizedTest
    @EnumSource(Dtype.class)
    void severalMeasuresInOnePassEqualSeparateCalls(Dtype dtype) {
        int k = 37;
        FormRows gen = new FormRows(99);
        for (InputForm form : FORMS) {
            List<double[][]> rows = new ArrayList<>();
            for (int r = 0; r < 8; r++) {
                rows.add(new double[][] {gen.row(form, dtype, k, 0.1), gen.row(form, dtype, k, 0.1)});
            }
            PairRows in = layOut(dtype, k, rows, 0);
            ScoreOptions all = ALL.withForms(form);
            ResultColumns together = ResultColumns.onHeap(Measure.values().length, rows.size());
            kernel().score(in, all, 0, rows.size(), together);
            for (Measure m : Measure.values()) {
                ResultColumns alone = ResultColumns.onHeap(1, rows.size());
                kernel().score(in, all.withMeasures(List.of(m)), 0, rows.size(), alone);
                for (int r = 0; r < rows.size(); r++) {
                    assertEquals(Double.doubleToRawLongBits(together.get(m.ordinal(), r)),
                            Double.doubleToRawLongBits(alone.get(0, r)), m + " row " + r + " " + form);
                }
            }
        }
    }

    /** A row's result is a function of its values alone: how rows are split into ranges changes no bit. */
    @ParameterizedTest
    @EnumSource(Dtype.class)
    void resultsDoNotDependOnHowRowsAreSplit(Dtype dtype) {
        FormRows gen = new FormRows(1234);
        for (int k : new int[] {3, 8, 13, 32, 300}) {
            for (InputForm form : FORMS) {
                List<double[][]> rows = new ArrayList<>();
                for (int r = 0; r < 23; r++) {
                    rows.add(new double[][] {gen.row(form, dtype, k, 0.1), gen.row(form, dtype, k, 0.1)});
                }
                PairRows in = layOut(dtype, k, rows, 1);
                ScoreOptions options = ALL.withForms(form);
                int n = rows.size();
                ResultColumns whole = ResultColumns.onHeap(Measure.values().length, n);
                kernel().score(in, options, 0, n, whole);
                ResultColumns pieces = ResultColumns.onHeap(Measure.values().length, n);
                int from = 0;
                while (from < n) {
                    int to = Math.min(n, from + 1 + gen.random().random().nextInt(6));
                    kernel().score(in, options, from, to, pieces);
                    from = to;
                }
                for (int r = 0; r < n; r++) {
                    for (Measure m : Measure.values()) {
                        assertEquals(Double.doubleToRawLongBits(whole.get(m.ordinal(), r)),
                                Double.doubleToRawLongBits(pieces.get(m.ordinal(), r)), m + " k=" + k + " row " + r + " " + form);
                    }
                }
            }
        }
    }

    @Test
    void scoresOnlyTheRequestedRange() {
        FormRows gen = new FormRows(5);
        List<double[][]> rows = new ArrayList<>();
        for (int r = 0; r < 6; r++) {
            rows.add(new double[][] {gen.row(InputForm.PROB, Dtype.FLOAT32, 20, 0.1), gen.row(InputForm.PROB, Dtype.FLOAT32, 20, 0.0)});
        }
        PairRows in = layOut(Dtype.FLOAT32, 20, rows, 0);
        ResultColumns out = ResultColumns.onHeap(1, 6);
        for (int r = 0; r < 6; r++) {
            out.set(0, r, -42.0);
        }
        kernel().score(in, ScoreOptions.of(Measure.KL), 2, 5, out);
        for (int r = 0; r < 6; r++) {
            if (r < 2 || r >= 5) {
                assertEquals(-42.0, out.get(0, r), "row " + r + " is outside the range");
            } else {
                double want = Reference.score(ScoreOptions.of(Measure.KL), rows.get(r)[0], rows.get(r)[1], Dtype.FLOAT32)[0];
                assertEquals(want, out.get(0, r), 1e-6 * (1 + want));
            }
        }
    }

    /** A bad value of each kind, at a known row and category, under each policy. */
    @ParameterizedTest
    @EnumSource(InvalidPolicy.class)
    void invalidRowsFollowThePolicy(InvalidPolicy policy) {
        record Damage(InputForm form, int category, double value, InvalidReason reason) {
        }
        List<Damage> damages = List.of(
                new Damage(InputForm.PROB, 3, Double.NaN, InvalidReason.NAN),
                new Damage(InputForm.PROB, 17, -0.01, InvalidReason.NEGATIVE),
                new Damage(InputForm.PROB, 0, Double.POSITIVE_INFINITY, InvalidReason.POSITIVE_INFINITY),
                new Damage(InputForm.PROB, 40, 0.5, InvalidReason.SUM_NOT_ONE),
                new Damage(InputForm.NORMALIZE, 9, Double.NEGATIVE_INFINITY, InvalidReason.NEGATIVE_INFINITY),
                new Damage(InputForm.LOGPROB, 20, Double.POSITIVE_INFINITY, InvalidReason.POSITIVE_INFINITY),
                new Damage(InputForm.LOGPROB, 20, 0.0, InvalidReason.LOGSUMEXP_NOT_ZERO),
                new Damage(InputForm.LOGITS, 33, Double.NaN, InvalidReason.NAN));
        int k = 41;
        for (Dtype dtype : Dtype.values()) {
            for (Damage d : damages) {
                FormRows gen = new FormRows(d.category());
                List<double[][]> rows = new ArrayList<>();
                for (int r = 0; r < 5; r++) {
                    rows.add(new double[][] {gen.row(d.form(), dtype, k, 0.0), gen.row(d.form(), dtype, k, 0.0)});
                }
                int badRow = 3;
                rows.get(badRow)[1][d.category()] = d.value();
                PairRows in = layOut(dtype, k, rows, 0);
                ScoreOptions options = ALL.withForms(d.form()).withOnInvalid(policy);
                ResultColumns out = ResultColumns.onHeap(Measure.values().length, rows.size());
                String what = d + " " + dtype;
                if (policy == InvalidPolicy.ERROR) {
                    var e = assertThrows(InvalidRowException.class, () -> kernel().score(in, options, 0, rows.size(), out), what);
                    assertEquals(badRow, e.row(), what);
                    assertEquals(d.reason(), e.reason(), what);
                    assertEquals("q", e.side(), what);
                    if (d.reason() != InvalidReason.SUM_NOT_ONE && d.reason() != InvalidReason.LOGSUMEXP_NOT_ZERO) {
                        assertEquals(d.category(), e.category(), what);
                    }
                    assertTrue(e.getMessage().startsWith("row 3: q "), e.getMessage());
                    continue;
                }
                kernel().score(in, options, 0, rows.size(), out);
                for (int r = 0; r < rows.size(); r++) {
                    if (r == badRow) {
                        assertEquals(d.reason(), RowStatus.reason(out.status(r)), what);
                        for (Measure m : Measure.values()) {
                            assertTrue(Double.isNaN(out.get(m.ordinal(), r)), what + " " + m);
                        }
                    } else {
                        assertEquals(RowStatus.VALID, out.status(r), what + " row " + r);
                        checkRow(options, dtype, rows.get(r), out, r);
                    }
                }
            }
        }
    }

    /**
     * Rows with nearly all their mass in one category (counts of a dominant class, a confident model) have a
     * tiny S, so the bound leaves almost no room: every form must still match the reference.
     */
    @ParameterizedTest
    @EnumSource(Dtype.class)
    void nearCertainRowsInEveryForm(Dtype dtype) {
        for (int k : new int[] {2, 5, 40, 300}) {
            for (InputForm form : FORMS) {
                List<double[][]> rows = new ArrayList<>();
                for (double tail : new double[] {1e-3, 1e-6, 1e-9}) {
                    double[] p = new double[k];
                    double[] q = new double[k];
                    for (int i = 1; i < k; i++) {
                        p[i] = tail * (1 + i % 3);
                        q[i] = tail * (1 + (i + 1) % 3);
                    }
                    p[0] = 1 - java.util.Arrays.stream(p).sum();
                    q[0] = 1 - java.util.Arrays.stream(q).sum();
                    double counts = dtype == Dtype.FLOAT16 ? 1e4 : 1e6; // float16 tops out at 65504
                    rows.add(new double[][] {encode(form, dtype, p, counts), encode(form, dtype, q, counts)});
                }
                checkAgainstReference(ALL.withForms(form), dtype, k, rows, 1);
            }
        }
    }

    /** A probability row in the given form: as is, scaled like counts, as logs, or as logits shifted by 7. */
    private static double[] encode(InputForm form, Dtype dtype, double[] prob, double countScale) {
        double[] x = new double[prob.length];
        for (int i = 0; i < prob.length; i++) {
            x[i] = switch (form.kind()) {
                case PROB -> prob[i];
                case NORMALIZE -> Math.rint(prob[i] * countScale);
                case LOGPROB -> Math.log(prob[i]);
                case LOGITS -> Math.log(prob[i]) * form.temperature() + 7;
            };
        }
        return FormRows.round(dtype, x);
    }

    /**
     * Near-identical rows (a quantized model against its original) with mpmath's exact values: every measure
     * within 1e-9·|t| + 1e-13·S of the truth itself, not only of the reference.
     */
    @Test
    void tinyDivergencesMatchTheTruth() {
        for (TinyGoldenCases.Case c : TinyGoldenCases.all()) {
            PairRows in = layOut(c.dtype(), c.p().length, List.<double[][]>of(new double[][] {c.p(), c.q()}), 1);
            ResultColumns out = ResultColumns.onHeap(Measure.values().length, 1);
            kernel().score(in, ALL.withForms(c.form()), 0, 1, out);
            assertEquals(RowStatus.VALID, out.status(0), c + " status");
            for (Measure m : Measure.values()) {
                double truth = c.truth().get(m);
                double got = out.get(m.ordinal(), 0);
                double allowed = AccuracyBound.allowedError(truth, c.scale().get(m));
                if (!AccuracyBound.accepts(truth, got, allowed)) {
                    fail(String.format("%s %s: kernel %s, truth %s, |error| %.3g > allowed %.3g", c, m.id(), got, truth,
                            Math.abs(got - truth), allowed));
                }
            }
        }
    }

    @Test
    void aRowOfOnlyMaskedLogitsIsInvalid() {
        double inf = Double.NEGATIVE_INFINITY;
        List<double[][]> rows = List.<double[][]>of(new double[][] {{1, 2, 3}, {inf, inf, inf}});
        PairRows in = layOut(Dtype.FLOAT64, 3, rows, 0);
        ResultColumns out = ResultColumns.onHeap(1, 1);
        kernel().score(in, ScoreOptions.of(Measure.KL).withForms(InputForm.LOGITS).withOnInvalid(InvalidPolicy.NAN), 0, 1, out);
        assertEquals(InvalidReason.ALL_MASKED, RowStatus.reason(out.status(0)));
    }

    private void checkAgainstReference(ScoreOptions options, Dtype dtype, int k, List<double[][]> rows, int layoutVariant) {
        PairRows in = layOut(dtype, k, rows, layoutVariant);
        ResultColumns out = ResultColumns.onHeap(options.measures().size(), rows.size());
        kernel().score(in, options, 0, rows.size(), out);
        for (int r = 0; r < rows.size(); r++) {
            assertEquals(RowStatus.VALID, out.status(r), "row " + r + " status");
            checkRow(options, dtype, rows.get(r), out, r);
        }
    }

    private static void checkRow(ScoreOptions options, Dtype dtype, double[][] row, ResultColumns out, int r) {
        double tolerance = options.sumTolerance(dtype);
        Distribution p = Reference.resolve(row[0], options.pForm(), tolerance, "p");
        Distribution q = Reference.resolve(row[1], options.qForm(), tolerance, "q");
        for (int m = 0; m < options.measures().size(); m++) {
            Measure measure = options.measures().get(m);
            double want = Reference.score(measure, p, q, options.base());
            double got = out.get(m, r);
            double allowed = AccuracyBound.allowedError(measure, p, q, options.base(), want);
            if (!AccuracyBound.accepts(want, got, allowed)) {
                fail(String.format("%s k=%d %s %s/%s row %d: kernel %s, reference %s, |diff| %.3g > allowed %.3g",
                        measure, p.size(), dtype, options.pForm(), options.qForm(), r, got, want, Math.abs(got - want), allowed));
            }
        }
    }

    /**
     * Lays rows out as a kernel sees them. Variant 0: heap arrays; 1: off-heap, 64-byte aligned; 2: off-heap,
     * misaligned by one element, with a row stride longer than k.
     */
    private PairRows layOut(Dtype dtype, int k, List<double[][]> rows, int variant) {
        int n = rows.size();
        long stride = variant == 2 ? k + 3 : k;
        long shift = variant == 2 ? dtype.bytes() : 0;
        long bytes = shift + n * stride * dtype.bytes();
        MemorySegment p;
        MemorySegment q;
        if (variant == 0) {
            p = heapColumn(dtype, n * k);
            q = heapColumn(dtype, n * k);
        } else {
            p = arena.allocate(Math.max(bytes, 1), 64).asSlice(shift);
            q = arena.allocate(Math.max(bytes, 1), 64).asSlice(shift);
        }
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < k; i++) {
                long at = (r * stride + i) * dtype.bytes();
                if (dtype.isHalf()) {
                    p.set(ValueLayout.JAVA_SHORT_UNALIGNED, at, HalfFloats.fromFloat((float) rows.get(r)[0][i], dtype));
                    q.set(ValueLayout.JAVA_SHORT_UNALIGNED, at, HalfFloats.fromFloat((float) rows.get(r)[1][i], dtype));
                } else if (dtype == Dtype.FLOAT32) {
                    p.set(ValueLayout.JAVA_FLOAT_UNALIGNED, at, (float) rows.get(r)[0][i]);
                    q.set(ValueLayout.JAVA_FLOAT_UNALIGNED, at, (float) rows.get(r)[1][i]);
                } else {
                    p.set(ValueLayout.JAVA_DOUBLE_UNALIGNED, at, rows.get(r)[0][i]);
                    q.set(ValueLayout.JAVA_DOUBLE_UNALIGNED, at, rows.get(r)[1][i]);
                }
            }
        }
        return new PairRows(p, q, dtype, k, stride, n);
    }

    private static MemorySegment heapColumn(Dtype dtype, int values) {
        return switch (dtype) {
            case FLOAT32 -> MemorySegment.ofArray(new float[values]);
            case FLOAT64 -> MemorySegment.ofArray(new double[values]);
            case BFLOAT16, FLOAT16 -> MemorySegment.ofArray(new short[values]);
        };
    }
}
