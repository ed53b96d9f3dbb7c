package jaio.kernel.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code %load FILE}: runs a {@code .jsh} or {@code .java} file as cell code ({@code await}
 * allowed). A {@code package} declaration is skipped: JShell declares everything at top level.
 */
final class LoadMagic extends BaseMagic {
    LoadMagic() {
        super("load", "%load FILE.jsh|FILE.java", true, false);
    }

    @Override
    public ExecutionResult run(String args, String body, MagicContext context) {
        if (args.isBlank()) {
            throw new MagicUsageError("no file named");
        }
        String name = args.startsWith("\"") && args.endsWith("\"") && args.length() > 1 ? args.substring(1, args.length() - 1) : args;
        String code;
        try {
            code = Files.readString(Path.of(name));
        } catch (NoSuchFileException e) {
            throw new MagicUsageError("no such file: " + Path.of(name).toAbsolutePath());
        } catch (IOException e) {
            throw new MagicUsageError("cannot read " + name + ": " + e.getMessage());
        }
        code = code.replaceFirst("(?m)^\\s*package\\s+[\\w.]+\\s*;", "");
        return context.run(code);
    }
}
