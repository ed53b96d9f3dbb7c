package jaio.greenlet;

/** A greenlet's {@code run}: called with the arguments of the first {@code switchTo}; its return value goes to the parent. */
@FunctionalInterface
public interface GreenletFunction {
    /** The greenlet's body: called with the first switch's arguments; its result goes to the parent. */
    Object run(Object... args) throws Exception;
}
