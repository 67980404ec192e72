package io.kldiv.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.FunctionRegistry;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.util.MapData;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.MapType;
import scala.collection.immutable.Seq;

/**
 * kldiv's SQL functions, registered in a session with one call:
 * <pre>{@code
 * KldivFunctions.register(spark);
 * spark.sql("SELECT kl(p, q), kldiv_score(p, q, 'kl,js', map('p_input', 'logits', 'base', '2')) FROM t");
 * }</pre>
 * {@code kl}, {@code reverse_kl}, {@code jeffreys}, {@code js}, {@code js_distance}, {@code cross_entropy} take
 * {@code (p, q [, options map])}; {@code entropy} takes {@code (p [, options map])}; {@code kldiv_score} takes
 * {@code (p, q, 'measure,measure' [, options map])}. Options are {@link KldivOptions}'s keys.
 */
public final class KldivFunctions {
    /** SQL name → measure name, for the functions returning one double. */
    private static final Map<String, String> SINGLE = new LinkedHashMap<>();

    static {
        SINGLE.put("kl", "kl");
        SINGLE.put("reverse_kl", "reverse-kl");
        SINGLE.put("jeffreys", "jeffreys");
        SINGLE.put("js", "js");
        SINGLE.put("js_distance", "js-distance");
        SINGLE.put("cross_entropy", "cross-entropy");
    }

    private KldivFunctions() {
    }

    /** Registers every function in the session (temporary functions: they live as long as the session). */
    public static void register(SparkSession spark) {
        FunctionRegistry registry = ((org.apache.spark.sql.classic.SparkSession) spark).sessionState().functionRegistry();
        for (Map.Entry<String, String> f : SINGLE.entrySet()) {
            String name = f.getKey();
            String measure = f.getValue();
            register(registry, name, args -> {
                arity(name, args, 2, 3);
                return new KldivExpression(name, args.apply(0), args.apply(1), options(name, measure, args, 2), false);
            });
        }
        register(registry, "entropy", args -> {
            arity("entropy", args, 1, 2);
            return new KldivExpression("entropy", args.apply(0), args.apply(0), options("entropy", "entropy-p", args, 1), false);
        });
        register(registry, "kldiv_score", args -> {
            arity("kldiv_score", args, 3, 4);
            String measures = literal("kldiv_score", args.apply(2), "the measure list").toString();
            return new KldivExpression("kldiv_score", args.apply(0), args.apply(1), options("kldiv_score", measures, args, 3), true);
        });
    }

    private static void register(FunctionRegistry registry, String name, scala.Function1<Seq<Expression>, Expression> builder) {
        registry.createOrReplaceTempFunction(name, builder, "java_udf");
    }

    private static void arity(String name, Seq<Expression> args, int min, int max) {
        if (args.size() < min || args.size() > max) {
            throw new IllegalArgumentException(name + " takes " + min + " or " + max + " arguments, got " + args.size());
        }
    }

    private static KldivOptions options(String name, String measures, Seq<Expression> args, int mapAt) {
        Map<String, String> options = new LinkedHashMap<>();
        if (args.size() > mapAt) {
            Expression e = args.apply(mapAt);
            if (!(literal(name, e, "the options") instanceof MapData map && e.dataType() instanceof MapType type)) {
                throw new IllegalArgumentException(name + ": the options must be a map(key, value, ...)");
            }
            for (int i = 0; i < map.numElements(); i++) {
                options.put(String.valueOf(map.keyArray().get(i, type.keyType())),
                        String.valueOf(map.valueArray().get(i, type.valueType())));
            }
        }
        return KldivOptions.of(measures, options);
    }

    private static Object literal(String name, Expression e, String what) {
        if (!e.foldable()) {
            throw new IllegalArgumentException(name + ": " + what + " must be a constant");
        }
        Object v = e.eval(null);
        if (v == null) {
            throw new IllegalArgumentException(name + ": " + what + " is null");
        }
        return v;
    }

    // The same functions for the DataFrame API (after register).

    public static Column kl(Column p, Column q) {
        return functions.call_function("kl", p, q);
    }

    public static Column reverseKl(Column p, Column q) {
        return functions.call_function("reverse_kl", p, q);
    }

    public static Column jeffreys(Column p, Column q) {
        return functions.call_function("jeffreys", p, q);
    }

    public static Column js(Column p, Column q) {
        return functions.call_function("js", p, q);
    }

    public static Column jsDistance(Column p, Column q) {
        return functions.call_function("js_distance", p, q);
    }

    public static Column crossEntropy(Column p, Column q) {
        return functions.call_function("cross_entropy", p, q);
    }

    public static Column entropy(Column p) {
        return functions.call_function("entropy", p);
    }

    /** A struct of the measures ({@code "kl,js"}) and {@code status}, with {@link KldivOptions}'s keys. */
    public static Column kldivScore(Column p, Column q, String measures, Map<String, String> options) {
        List<Column> entries = new ArrayList<>();
        for (Map.Entry<String, String> e : options.entrySet()) {
            entries.add(functions.lit(e.getKey()));
            entries.add(functions.lit(e.getValue()));
        }
        Column map = entries.isEmpty() ? functions.map_from_arrays(functions.array().cast("array<string>"),
                functions.array().cast("array<string>")) : functions.map(entries.toArray(new Column[0]));
        return functions.call_function("kldiv_score", p, q, functions.lit(measures), map);
    }
}
