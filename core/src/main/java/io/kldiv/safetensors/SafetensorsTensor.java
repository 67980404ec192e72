package io.kldiv.safetensors;

import io.kldiv.Dtype;
import java.util.Arrays;
import java.util.stream.Collectors;

/** One tensor's header entry: its safetensors dtype name, shape, and [begin, end) bytes in the data section. */
record SafetensorsTensor(String name, String dtype, long[] shape, long begin, long end) {
    /** Bytes per element of a safetensors dtype name, or 0 if the name is unknown. */
    static int elementBytes(String dtype) {
        return switch (dtype) {
            case "BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3" -> 1;
            case "I16", "U16", "F16", "BF16" -> 2;
            case "I32", "U32", "F32" -> 4;
            case "I64", "U64", "F64" -> 8;
            default -> 0;
        };
    }

    /** The kldiv dtype of a safetensors dtype name, or null for the types kldiv does not score. */
    static Dtype scoredDtype(String dtype) {
        return switch (dtype) {
            case "F32" -> Dtype.FLOAT32;
            case "F64" -> Dtype.FLOAT64;
            case "F16" -> Dtype.FLOAT16;
            case "BF16" -> Dtype.BFLOAT16;
            default -> null;
        };
    }

    static String shapeText(long[] shape) {
        return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", ", "[", "]"));
    }
}
