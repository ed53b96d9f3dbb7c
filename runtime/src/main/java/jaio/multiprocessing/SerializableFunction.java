package jaio.multiprocessing;

import java.io.Serializable;
import java.util.function.Function;

/**
 * A function that can be sent to a {@link ProcessPool} worker: a lambda or method reference whose
 * target type is this interface is serialised with the arguments (the worker must have its class
 * on its class path, as Python's multiprocessing needs the function importable in the child).
 */
@FunctionalInterface
public interface SerializableFunction<A, R> extends Function<A, R>, Serializable {
}
