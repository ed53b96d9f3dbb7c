package jaio.kernel.magic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;

/**
 * The magics a kernel offers, by kind and name (a line and a cell magic may share a name, as
 * IPython's {@code %time} and {@code %%time}). Thread-safe: magics are registered when the session
 * starts (and may be later), looked up by cells on the loop and by completion on a helper thread.
 */
public final class MagicRegistry {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private final Map<String, Magic> line = new ConcurrentSkipListMap<>();
    private final Map<String, Magic> cell = new ConcurrentSkipListMap<>();

    /** A registry holding the kernel's built-in magics ({@link BuiltinMagics}). */
    public static MagicRegistry withBuiltins() {
        MagicRegistry r = new MagicRegistry();
        BuiltinMagics.registerAll(r);
        return r;
    }

    /** Adds {@code magic}; fails if its name is malformed or a magic of its kind already has it. */
    public void register(Magic magic) {
        if (!NAME.matcher(magic.name()).matches()) {
            throw new IllegalArgumentException("a magic's name is a letter then letters, digits or _: '" + magic.name() + "'");
        }
        if (!magic.usage().startsWith(magic.kind().prefix() + magic.name())) {
            throw new IllegalArgumentException("the usage of " + magic.kind().prefix() + magic.name()
                    + " must start with its name: '" + magic.usage() + "'");
        }
        Magic previous = table(magic.kind()).putIfAbsent(magic.name(), magic);
        if (previous != null) {
            throw new IllegalArgumentException(magic.kind().prefix() + magic.name() + " is registered twice");
        }
    }

    /** The magic of {@code kind} named {@code name} (without {@code %}). */
    public Optional<Magic> find(Magic.Kind kind, String name) {
        return Optional.ofNullable(table(kind).get(name));
    }

    /** All magics of {@code kind}, by name. */
    public List<Magic> all(Magic.Kind kind) {
        return List.copyOf(table(kind).values());
    }

    /**
     * The magics as typed ({@code %name}, {@code %%name}) that start with {@code typed} (which
     * starts with {@code %}): line magics, then cell magics, each by name.
     */
    public List<String> completeName(String typed) {
        List<String> out = new ArrayList<>();
        for (Magic.Kind kind : Magic.Kind.values()) {
            for (String name : table(kind).keySet()) {
                String written = kind.prefix() + name;
                if (written.startsWith(typed)) {
                    out.add(written);
                }
            }
        }
        return out;
    }

    private Map<String, Magic> table(Magic.Kind kind) {
        return kind == Magic.Kind.LINE ? line : cell;
    }
}
