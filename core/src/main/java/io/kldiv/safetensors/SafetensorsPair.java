package io.kldiv.safetensors;

import io.kldiv.io.MatrixImport;
import io.kldiv.io.MatrixPair;
import io.kldiv.store.PairTable;
import java.io.IOException;
import java.nio.file.Path;

/** Two safetensors tensors, p and q (same shape and dtype), scored in place or imported into a table file. */
public final class SafetensorsPair {
    private SafetensorsPair() {
    }

    /** Maps both tensors read-only as a table; closing it unmaps them. */
    public static PairTable open(TensorRef p, TensorRef q) throws IOException {
        return MatrixPair.open(() -> SafetensorsArray.open(p), () -> SafetensorsArray.open(q),
                SafetensorsFormatException::new);
    }

    /** Writes the table file {@code destination} from the two tensors, atomically, streaming. */
    public static Path importPair(TensorRef p, TensorRef q, Path destination) throws IOException {
        try (SafetensorsArray pArray = SafetensorsArray.open(p); SafetensorsArray qArray = SafetensorsArray.open(q)) {
            return MatrixImport.importPair(pArray, qArray, destination, SafetensorsFormatException::new);
        }
    }
}
