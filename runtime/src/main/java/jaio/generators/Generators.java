package jaio.generators;

import jaio.Coroutine;
import jaio.StopIteration;
import jaio.TypeError;

import java.util.Iterator;
import java.util.Objects;

/**
 * Static facade for generators, generator-based coroutines and the iteration built-ins they need
 * (use with {@code import static jaio.Generators.*}).
 *
 * <p>Python → Java:
 * <pre>
 * def gen(): ...yield v...          Generator&lt;V&gt; gen() { return generator(y -&gt; { ...y.yield(v)... }); }
 * x = yield v                       X x = y.yield(v);
 * yield                             y.yield();
 * r = yield from sub                R r = y.yieldFrom(sub);
 * next(g), g.send(v)                next(g) or g.next(), g.send(v)
 * g.throw(e), g.close()             g.throwIn(e), g.close()
 * inspect.getgeneratorstate(g)      g.getState()
 * &#64;types.coroutine def f(): ...  GeneratorCoroutine&lt;R&gt; f() { return coroutine(y -&gt; { ... }); }
 * coro.send(None) (by hand)         stepByHand(coro).send(null)
 * </pre>
 */
public final class Generators {
    private Generators() {}

    /** A generator whose body returns a value (the StopIteration value). */
    public static <T> Generator<T> generator(GeneratorCallable<T> body) {
        return generator(null, body);
    }

    /** A generator whose body returns nothing. */
    public static <T> Generator<T> generator(GeneratorRunnable<T> body) {
        return generator(null, body);
    }

    /** As {@link #generator(GeneratorCallable)}, with a name (Python's {@code __name__}). */
    public static <T> Generator<T> generator(String name, GeneratorCallable<T> body) {
        return new Generator<>(name, body, "generator", false);
    }

    /** A generator named {@code name} whose body yields values (a Python generator function's call). */
    public static <T> Generator<T> generator(String name, GeneratorRunnable<T> body) {
        return new Generator<>(name, asCallable(body), "generator", false);
    }

    /**
     * A generator-based coroutine ({@code @types.coroutine} / {@code @asyncio.coroutine}): a
     * generator that can be awaited; see {@link GeneratorCoroutine} for what its yields mean.
     */
    public static <R> GeneratorCoroutine<R> coroutine(GeneratorCallable<Object> body) {
        return coroutine(null, body);
    }

    /** A generator-based coroutine whose body yields to the loop (a {@code @types.coroutine} generator). */
    public static <R> GeneratorCoroutine<R> coroutine(GeneratorRunnable<Object> body) {
        return coroutine(null, body);
    }

    /** As {@code coroutine(body)}, named {@code name}, with a return value. */
    public static <R> GeneratorCoroutine<R> coroutine(String name, GeneratorCallable<Object> body) {
        return new GeneratorCoroutine<>(name, body);
    }

    /** As {@code coroutine(body)}, named {@code name}. */
    public static <R> GeneratorCoroutine<R> coroutine(String name, GeneratorRunnable<Object> body) {
        return new GeneratorCoroutine<>(name, asCallable(body));
    }

    /** {@code types.coroutine(gen)} applied to an existing generator: awaiting it delegates to it. */
    @SuppressWarnings("unchecked")
    public static <R> GeneratorCoroutine<R> coroutine(Generator<?> gen) {
        if (gen instanceof GeneratorCoroutine<?> c) {
            return (GeneratorCoroutine<R>) c;
        }
        return new GeneratorCoroutine<>(gen.getName(), y -> y.yieldFrom((Generator<Object>) gen));
    }

    /** Drives a native coroutine by hand with {@code send}/{@code throwIn}/{@code close}, outside a loop. */
    public static <T> CoroutineStepper<T> stepByHand(Coroutine<T> coro) {
        return new CoroutineStepper<>(coro);
    }

    /**
     * Python's built-in {@code next(it)}: the next value of an iterator (a generator's next
     * yielded value); {@link StopIteration} when there is none. Null: TypeError "'NoneType' object
     * is not an iterator".
     */
    public static <T> T next(Iterator<T> iterator) {
        if (iterator == null) {
            throw notAnIterator(null);
        }
        if (iterator instanceof Generator<T> g) {
            return g.next();
        }
        if (!iterator.hasNext()) {
            throw new StopIteration();
        }
        return iterator.next();
    }

    /**
     * {@code next(x)} on something that is not an iterator: TypeError, as in Python, e.g.
     * "'coroutine' object is not an iterator" for a coroutine ({@code next(coro)}).
     */
    public static Object next(Object notAnIterator) {
        if (notAnIterator instanceof Iterator<?> it) {
            return next(it);
        }
        throw notAnIterator(notAnIterator);
    }

    /** {@code next(it, default)}: the default instead of StopIteration. */
    public static <T> T next(Iterator<T> iterator, T defaultValue) {
        try {
            return next(iterator);
        } catch (StopIteration e) {
            return defaultValue;
        }
    }

    private static TypeError notAnIterator(Object o) {
        return new TypeError("'" + pythonTypeName(o) + "' object is not an iterator");
    }

    /**
     * Python's built-in {@code iter(x)}: a generator is its own iterator; any Iterable gives its
     * iterator; anything else is a TypeError "'coroutine' object is not iterable".
     */
    @SuppressWarnings("unchecked")
    public static <T> Iterator<T> iter(Object iterable) {
        if (iterable instanceof Iterator<?> it) {
            return (Iterator<T>) it;
        }
        if (iterable instanceof Iterable<?> i) {
            return (Iterator<T>) i.iterator();
        }
        throw new TypeError("'" + pythonTypeName(iterable) + "' object is not iterable");
    }

    /** {@code range(stop)}. */
    public static Range range(int stop) {
        return new Range(0, stop, 1);
    }

    /** {@code range(start, stop)}. */
    public static Range range(int start, int stop) {
        return new Range(start, stop, 1);
    }

    /** {@code range(start, stop, step)}. */
    public static Range range(int start, int stop, int step) {
        return new Range(start, stop, step);
    }

    private static String pythonTypeName(Object o) {
        if (o == null) {
            return "NoneType";
        }
        if (o instanceof Coroutine<?> || o instanceof CoroutineStepper<?>) {
            return "coroutine";
        }
        return o.getClass().getSimpleName();
    }

    private static <T> GeneratorCallable<T> asCallable(GeneratorRunnable<T> body) {
        Objects.requireNonNull(body, "body");
        return y -> {
            body.run(y);
            return null;
        };
    }
}
