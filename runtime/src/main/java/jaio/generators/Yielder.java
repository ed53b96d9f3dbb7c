package jaio.generators;

import jaio.Awaitable;

/**
 * What a generator body uses to pause: Python's {@code yield} and {@code yield from}.
 *
 * <p>{@code yield} is a restricted identifier in Java, so it is called on this handle, which the
 * body receives as its parameter: Python's {@code x = yield v} is {@code x = y.yield(v)}, a bare
 * {@code yield} is {@code y.yield()}, and {@code r = yield from sub} is {@code r = y.yieldFrom(sub)}.
 * Only the body's own thread may call these (elsewhere: AsyncRuntimeError).
 *
 * <p>The value of a yield expression is what the caller sent: null after {@code next()} (Python's
 * None), the argument of {@code send(v)}; it is typed by the target ({@code String html =
 * y.yield(url)}), unchecked, as Python would not check it either. If the caller used
 * {@code throwIn(e)} or {@code close()}, the yield throws {@code e} or {@link GeneratorExit}.
 */
public interface Yielder<T> {
    /** {@code yield value}: gives {@code value} to the caller, pauses, returns what is sent back. */
    <S> S yield(T value);

    /** A bare {@code yield}: yields null (Python's None). */
    <S> S yield();

    /**
     * {@code yield from sub} with PEP 380's semantics: sub's values go to the caller, the caller's
     * sends, {@code throwIn}s and {@code close} go to sub; returns sub's return value.
     */
    <R> R yieldFrom(Generator<? extends T> sub);

    /**
     * {@code yield from} a generator-based coroutine (from {@code Generators.coroutine}): the same
     * delegation as for any generator. Inside a generator-based coroutine its yields travel up to
     * the task that awaits the outermost one.
     */
    <R> R yieldFrom(GeneratorCoroutine<R> sub);

    /**
     * {@code yield from iterable} for any Iterable (a list, a map's keys, a range): yields each
     * element; returns null. A plain iterator cannot receive sends (non-null send: TypeError, as
     * Python's AttributeError), nor {@code throwIn} (the exception is raised here) nor close.
     */
    <R> R yieldFrom(Iterable<? extends T> items);

    /**
     * {@code yield from awaitable} inside a generator-based coroutine ({@code @asyncio.coroutine}'s
     * {@code yield from asyncio.sleep(2)}): the task driving the coroutine awaits {@code aw} while
     * this body stays paused here, and its result is returned (its exception raised here). A jaio
     * Future is handled exactly as Python's {@code Future.__iter__}: it is yielded as a blocking
     * future and its result returned. In a plain generator, yielding from a coroutine is a
     * TypeError as in Python; a Future is yielded as a value.
     */
    <R> R yieldFrom(Awaitable<R> aw);
}
