package jaio;

/** One frame of an await chain (asyncio.FrameCallGraphEntry): a user frame, translated (see {@link UserFrames}). */
public record FrameCallGraphEntry(StackTraceElement frame) {}
