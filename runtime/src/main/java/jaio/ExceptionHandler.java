package jaio;

/** A loop's exception handler: asyncio's {@code handler(loop, context)}. */
@FunctionalInterface
public interface ExceptionHandler {
    /**
     * Handles an error the loop could give to nobody; {@code context} has its message and details
     * (asyncio's {@code handler(loop, context)}).
     */
    void handle(Loop loop, ExceptionContext context);
}
