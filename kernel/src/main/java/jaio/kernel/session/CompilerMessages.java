package jaio.kernel.session;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What javac and the JVM say, in terms of what the user wrote: JShell's wrapper classes
 * ({@code REPL.$JShell$12.s}, a blank {@code location: class}) left out, and the classic notebook
 * mistakes explained in one line instead of a list of overload candidates.
 */
final class CompilerMessages {
    /** A wrapper class's qualified prefix, as javac and helpful NullPointerExceptions print it. */
    private static final Pattern WRAPPER_PREFIX = Pattern.compile("(?:REPL\\.)?\\$JShell\\$\\d+[A-Z]*(?:\\$|\\.)");
    /** javac's location line when the location is a wrapper class: it says nothing to the user. */
    private static final Pattern WRAPPER_LOCATION = Pattern.compile("\\s*location: class\\s*(?:(?:REPL\\.)?\\$JShell\\$\\d+[A-Z]*)?\\s*");
    /** javac's message for await(x) whose x matches no overload. */
    private static final Pattern NOT_AWAITABLE = Pattern.compile(
            "(?:no suitable method found for await\\((.+?)\\)|method await in class \\S+ cannot be applied to given types;)[\\s\\S]*");
    private static final Pattern FOUND_TYPE = Pattern.compile("found:\\s+(\\S[^\\n]*)");

    private CompilerMessages() {}

    /** A compiler message for the user: one or more lines. */
    static List<String> clarify(String message) {
        Matcher aw = NOT_AWAITABLE.matcher(message);
        if (aw.matches()) {
            String type = aw.group(1);
            if (type == null) {
                Matcher found = FOUND_TYPE.matcher(message);
                type = found.find() ? found.group(1).strip() : "this value";
            }
            return List.of(withoutWrappers(type) + " is not awaitable; await takes a coroutine, task, future or CompletableFuture");
        }
        List<String> out = new ArrayList<>();
        for (String line : message.split("\r?\n")) {
            if (!WRAPPER_LOCATION.matcher(line).matches()) {
                out.add(withoutWrappers(line));
            }
        }
        return out;
    }

    /** {@code text} without JShell's wrapper class names ({@code "REPL.$JShell$12.s" is null} becomes {@code "s" is null}). */
    static String withoutWrappers(String text) {
        return text == null ? null : WRAPPER_PREFIX.matcher(text).replaceAll("");
    }
}
