package jaio.kernel.session;

import jaio.Async;
import jaio.Coroutine;

/**
 * Reading from the user in a cell, statically imported by the prelude: {@code await input("name? ")}
 * (Python's {@code input()}, but awaitable, so the loop keeps running other tasks while the user
 * types) and {@code await getpass("password: ")}. {@code System.in} works too, blocking like
 * Python's input() inside a coroutine.
 */
public final class Input {
    private Input() {}

    /** A coroutine giving the next line the user types, without its newline. */
    public static Coroutine<String> input(String prompt) {
        return request(prompt, false);
    }

    /** As {@link #input(String)}, with no prompt ({@code await input()}, Python's {@code input()}). */
    public static Coroutine<String> input() {
        return input("");
    }

    /** As {@link #input(String)}, but the frontend hides what is typed. */
    public static Coroutine<String> getpass(String prompt) {
        return request(prompt, true);
    }

    /** As {@link #getpass(String)}, prompting {@code Password: } (Python's {@code getpass.getpass()}). */
    public static Coroutine<String> getpass() {
        return getpass("Password: ");
    }

    private static Coroutine<String> request(String prompt, boolean password) {
        return Async.async("input", () -> {
            Cell cell = CurrentCell.ofRunningCode();
            if (cell == null) {
                throw new IllegalStateException("input() can only be used by code that a cell started");
            }
            return Async.await(cell.context.input().request(prompt, password));
        });
    }
}
