package jaio;

/** A loop's exception handler: asyncio's {@code handler(loop, context)}. */
@FunctionalInterface
public interface ExceptionHandler {
    void handle(Loop loop, ExceptionContext context);
}
