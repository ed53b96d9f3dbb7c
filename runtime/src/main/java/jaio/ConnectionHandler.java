package jaio;

/**
 * What {@link Streams#startServer} runs for each accepted connection (asyncio's
 * {@code client_connected_cb}). It runs as the body of a new task per connection, so it may await
 * directly: {@code (reader, writer) -> { var line = await(reader.readline()); ... }}.
 * A method that returns a coroutine must be awaited inside the lambda:
 * {@code (r, w) -> await(handle(r, w))}.
 */
@FunctionalInterface
public interface ConnectionHandler {
    /**
     * Serves one client connection: read from {@code reader}, write to {@code writer} (the {@code
     * client_connected_cb} of asyncio's {@code start_server}).
     */
    void handle(StreamReader reader, StreamWriter writer) throws Exception;
}
