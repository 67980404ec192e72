package io.kldiv;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** An option value with a stable name in the API and the CLI, e.g. {@code reverse-kl} or {@code float32}. */
public interface Named {

    /** The name, e.g. {@code reverse-kl}. */
    String id();

    /**
     * The constant of {@code type} with the given name (case and surrounding blanks ignored).
     *
     * @param what what the name stands for, for the error, e.g. {@code measure}
     * @throws IllegalArgumentException listing the valid names
     */
    static <E extends Enum<E> & Named> E byId(Class<E> type, String name, String what) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.id().equals(wanted)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + name + "'; expected one of " + ids(type));
    }

    /** All names of {@code type}, comma separated, for help texts and errors. */
    static <E extends Enum<E> & Named> String ids(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Named::id).collect(Collectors.joining(", "));
    }
}
